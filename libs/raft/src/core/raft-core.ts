import { type Logger, unreachable } from '@rocketmq-ts/base';

import type { ProposeOutcome, RaftNode, RaftRole, RaftStateMachine, RaftStatus, ReadBarrierOutcome } from '../api';
import type { AppendReply, AppendRequest, LogEntry, RaftMessage, SnapshotRequest, VoteReply, VoteRequest } from '../messages';
import type { RaftStorage, RaftTimers, RaftTransport, RandomSource, StoredSnapshot, TimerHandle } from '../ports';
import { DurabilityGate } from './durability-gate';
import { RaftLog } from './raft-log';

/** Deliberate bugs the simulator must catch (docs/raft.md#proving-the-checks-bite). Never set outside tests. */
export interface PlantedBugs {
  /** Acknowledge votes and appends before the fsync that makes them durable. */
  ackBeforeFsync?: boolean;
  /** Grant votes without the "candidate's log is at least as up to date" check (Raft paper, section 5.4.1). */
  skipUpToDateCheck?: boolean;
}

export interface RaftCoreOptions {
  id: string;
  /** The other members' ids (static membership). */
  peers: readonly string[];
  electionTimeoutMs: readonly [number, number];
  heartbeatIntervalMs: number;
  snapshotEveryEntries: number;
  maxEntriesPerMessage?: number;
  stateMachine: RaftStateMachine;
  storage: RaftStorage;
  transport: RaftTransport;
  timers: RaftTimers;
  random: RandomSource;
  logger: Logger;
  plantedBugs?: PlantedBugs;
}

interface PendingProposal {
  term: number;
  resolve: (outcome: ProposeOutcome) => void;
}

/**
 * One Raft member: elections with pre-vote and leader stickiness, log replication, commit, snapshots.
 * See docs/raft.md for the algorithm as implemented. Invariants:
 * - Everything runs on one thread of callbacks (messages, timers, sync completions); no awaits inside.
 * - A reply (vote or append ack) leaves only after the writes it vouches for are durable (DurabilityGate).
 * - The leader counts itself toward commit only up to its durable log index, and commits by counting
 *   replicas only entries of its own term (Raft paper, section 5.4.2); a new leader appends a no-op to get there.
 * - `propose` resolves `committed` only for an entry this node appended in its term and applied.
 */
export class RaftCore implements RaftNode {
  private term = 0;
  private votedFor: string | undefined;
  private role: RaftRole = 'follower';
  private leaderId: string | undefined;
  private log = new RaftLog();
  private latestSnapshot: StoredSnapshot | undefined;
  private commitIndex = 0;
  private lastApplied = 0;
  private votes = new Set<string>();
  private preVoting = false;
  private lastLeaderContactMs = Number.NEGATIVE_INFINITY;
  private readonly nextIndex = new Map<string, number>();
  private readonly matchIndex = new Map<string, number>();
  private readonly lastAckMs = new Map<string, number>();
  private readonly pending = new Map<number, PendingProposal>();
  private readersWaiting: Array<(outcome: ReadBarrierOutcome) => void> = [];
  private readersInFlight: Array<(outcome: ReadBarrierOutcome) => void> = [];
  private readNoopIndex: number | undefined;
  private electionTimer: TimerHandle | undefined;
  private heartbeatTimer: TimerHandle | undefined;
  private replicateScheduled = false;
  private running = false;
  private readonly listeners = new Set<(status: RaftStatus) => void>();
  private readonly gate: DurabilityGate;
  private readonly quorum: number;
  private readonly bugs: PlantedBugs;
  private readonly maxEntries: number;

  constructor(private readonly options: RaftCoreOptions) {
    this.quorum = Math.floor((options.peers.length + 1) / 2) + 1;
    this.bugs = options.plantedBugs ?? {};
    this.maxEntries = options.maxEntriesPerMessage ?? 64;
    this.gate = new DurabilityGate(
      options.storage,
      () => this.log.lastIndex(),
      () => this.onSynced(),
    );
  }

  get id(): string {
    return this.options.id;
  }

  /** Loads durable state, restores the state machine and starts the election timer. */
  async start(): Promise<void> {
    // Booting is synchronous so that the simulator can start a node inside one event; only the
    // transport's bind is awaited (messages that arrive before it are simply lost, as Raft allows).
    const recovered = this.options.storage.load();
    this.term = recovered.hardState.term;
    this.votedFor = recovered.hardState.votedFor;
    const snapshot = recovered.snapshot;
    if (snapshot) {
      this.options.stateMachine.restore(snapshot.data);
      this.latestSnapshot = snapshot;
      this.log = new RaftLog(snapshot.lastIncludedIndex, snapshot.lastIncludedTerm);
      this.commitIndex = this.lastApplied = snapshot.lastIncludedIndex;
    }
    for (const entry of recovered.entries) this.log.append(entry);
    this.gate.durableLogIndex = this.log.lastIndex();
    this.running = true;
    const listening = this.options.transport.listen((message) => this.receive(message));
    this.resetElectionTimer();
    this.options.logger.info(
      { term: this.term, lastIndex: this.log.lastIndex(), snapshotIndex: this.log.snapshotIndex },
      'raft node started',
    );
    await listening;
  }

  /** Stops timers and I/O. Durable state stays as the last completed sync left it. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.gate.closed = true;
    this.electionTimer?.cancel();
    this.heartbeatTimer?.cancel();
    this.failWaiters();
    await this.options.transport.close();
    this.options.storage.close();
  }

  status(): RaftStatus {
    return {
      id: this.options.id,
      role: this.role,
      term: this.term,
      leaderId: this.leaderId,
      commitIndex: this.commitIndex,
      lastApplied: this.lastApplied,
    };
  }

  onStatusChange(listener: (status: RaftStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The in-memory log and snapshot position, for the simulator's checks. */
  inspectLog(): RaftLog {
    return this.log;
  }

  propose(command: Uint8Array): Promise<ProposeOutcome> {
    if (!this.running || this.role !== 'leader') return Promise.resolve({ kind: 'not-leader', leaderId: this.leaderId });
    const index = this.appendOwn('command', command);
    return new Promise((resolve) => {
      this.pending.set(index, { term: this.term, resolve });
    });
  }

  /** A no-op entry committed in this term after the call proves leadership and currency; concurrent callers share one. */
  readBarrier(): Promise<ReadBarrierOutcome> {
    if (!this.running || this.role !== 'leader') return Promise.resolve({ kind: 'not-leader', leaderId: this.leaderId });
    return new Promise((resolve) => {
      this.readersWaiting.push(resolve);
      if (this.readNoopIndex === undefined) this.startReadRound();
    });
  }

  receive(message: RaftMessage): void {
    if (!this.running) return;
    switch (message.type) {
      case 'vote-request':
        return message.preVote ? this.onPreVoteRequest(message) : this.onVoteRequest(message);
      case 'vote-reply':
        return this.onVoteReply(message);
      case 'append-request':
        return this.onAppendRequest(message);
      case 'snapshot-request':
        return this.onSnapshotRequest(message);
      case 'append-reply':
        return this.onAppendReply(message);
      default:
        return unreachable(message, 'raft message type');
    }
  }

  // ---- elections -------------------------------------------------------------------------------

  private resetElectionTimer(): void {
    this.electionTimer?.cancel();
    const [min, max] = this.options.electionTimeoutMs;
    const delay = min + Math.floor(this.options.random() * (max - min + 1));
    this.electionTimer = this.options.timers.after(delay, () => this.onElectionTimeout());
  }

  private onElectionTimeout(): void {
    if (!this.running) return;
    if (this.role === 'leader') return this.checkQuorum();
    this.startPreVote();
  }

  /** A leader that has not heard from a majority for an election timeout steps down (it may be cut off). */
  private checkQuorum(): void {
    const now = this.options.timers.nowMs();
    const window = this.options.electionTimeoutMs[1];
    let alive = 1;
    for (const peer of this.options.peers) if (now - (this.lastAckMs.get(peer) ?? Number.NEGATIVE_INFINITY) <= window) alive += 1;
    if (alive < this.quorum) {
      this.options.logger.info({ term: this.term, alive }, 'raft leader lost contact with a majority; stepping down');
      this.becomeFollower(this.term, undefined);
      return;
    }
    this.resetElectionTimer();
  }

  private startPreVote(): void {
    if (this.options.peers.length === 0) return this.becomeCandidate();
    this.preVoting = true;
    this.votes = new Set([this.options.id]);
    this.broadcastVoteRequest(true, this.term + 1);
    this.resetElectionTimer();
  }

  private becomeCandidate(): void {
    this.preVoting = false;
    this.role = 'candidate';
    this.term += 1;
    this.votedFor = this.options.id;
    this.leaderId = undefined;
    this.persistHardState();
    this.votes = new Set([this.options.id]);
    this.notify();
    if (this.votes.size >= this.quorum) return this.becomeLeader();
    this.broadcastVoteRequest(false, this.term);
    this.resetElectionTimer();
  }

  private broadcastVoteRequest(preVote: boolean, term: number): void {
    const request: VoteRequest = {
      type: 'vote-request',
      from: this.options.id,
      preVote,
      term,
      lastLogIndex: this.log.lastIndex(),
      lastLogTerm: this.log.lastTerm(),
    };
    for (const peer of this.options.peers) this.sendReply(peer, request);
  }

  private logAcceptable(request: VoteRequest): boolean {
    return this.bugs.skipUpToDateCheck === true || this.log.isUpToDate(request.lastLogIndex, request.lastLogTerm);
  }

  /** Pre-votes change no state. Refused while we hear from a live leader, so a rejoining node cannot depose it. */
  private onPreVoteRequest(request: VoteRequest): void {
    const now = this.options.timers.nowMs();
    const leaderIsLive =
      this.role === 'leader' || (this.leaderId !== undefined && now - this.lastLeaderContactMs < this.options.electionTimeoutMs[0]);
    const granted = request.term > this.term && !leaderIsLive && this.logAcceptable(request);
    this.sendReply(request.from, {
      type: 'vote-reply',
      from: this.options.id,
      preVote: true,
      term: granted ? request.term : this.term,
      granted,
    });
  }

  private onVoteRequest(request: VoteRequest): void {
    if (request.term > this.term) this.becomeFollower(request.term, undefined);
    const granted =
      request.term === this.term && (this.votedFor === undefined || this.votedFor === request.from) && this.logAcceptable(request);
    if (granted) {
      this.votedFor = request.from;
      this.persistHardState();
      this.resetElectionTimer();
    }
    this.sendReply(request.from, { type: 'vote-reply', from: this.options.id, preVote: false, term: this.term, granted });
  }

  private onVoteReply(reply: VoteReply): void {
    if (reply.term > this.term && !reply.granted) return this.becomeFollower(reply.term, undefined);
    if (reply.preVote) {
      if (!this.preVoting || this.role === 'leader' || reply.term !== this.term + 1 || !reply.granted) return;
      this.votes.add(reply.from);
      if (this.votes.size >= this.quorum) this.becomeCandidate();
      return;
    }
    if (this.role !== 'candidate' || reply.term !== this.term || !reply.granted) return;
    this.votes.add(reply.from);
    if (this.votes.size >= this.quorum) this.becomeLeader();
  }

  private becomeLeader(): void {
    this.role = 'leader';
    this.leaderId = this.options.id;
    const now = this.options.timers.nowMs();
    for (const peer of this.options.peers) {
      this.nextIndex.set(peer, this.log.lastIndex() + 1);
      this.matchIndex.set(peer, 0);
      this.lastAckMs.set(peer, now);
    }
    this.options.logger.info({ term: this.term }, 'raft node became leader');
    this.notify();
    // Raft paper, section 8: commit an entry of our own term before anything older counts as committed by us.
    this.appendOwn('noop', new Uint8Array(0));
    this.scheduleHeartbeat();
    this.resetElectionTimer();
    this.maybeAdvanceCommit();
  }

  /** Moves to follower at `term` (persisting a new term), failing whatever this node led. */
  private becomeFollower(term: number, leaderId: string | undefined): void {
    const changed = term !== this.term || this.role !== 'follower' || leaderId !== this.leaderId;
    if (term > this.term) {
      this.term = term;
      this.votedFor = undefined;
      this.persistHardState();
    }
    const wasLeader = this.role === 'leader';
    this.role = 'follower';
    this.preVoting = false;
    this.leaderId = leaderId;
    if (wasLeader) {
      this.heartbeatTimer?.cancel();
      this.heartbeatTimer = undefined;
      this.failWaiters();
    }
    this.resetElectionTimer();
    if (changed) this.notify();
  }

  // ---- replication: follower side ---------------------------------------------------------------

  /** Accepts `from` as leader of `term` (already checked >= ours). */
  private followLeader(term: number, from: string): void {
    if (term > this.term || this.role !== 'follower' || this.leaderId !== from) this.becomeFollower(term, from);
    else this.resetElectionTimer();
    this.lastLeaderContactMs = this.options.timers.nowMs();
  }

  private onAppendRequest(request: AppendRequest): void {
    if (request.term < this.term) return this.replyAppend(request.from, false, 0, 0);
    this.followLeader(request.term, request.from);
    let prevIndex = request.prevLogIndex;
    let prevTerm = request.prevLogTerm;
    let entries = request.entries;
    const lastSent = request.prevLogIndex + request.entries.length;
    if (prevIndex < this.log.snapshotIndex) {
      // Everything up to our snapshot is committed, hence identical to the leader's log.
      entries = entries.filter((entry) => entry.index > this.log.snapshotIndex);
      prevIndex = this.log.snapshotIndex;
      prevTerm = this.log.snapshotTerm;
      if (entries.length === 0 && lastSent <= prevIndex) return this.replyAppend(request.from, true, prevIndex, 0);
    }
    if (prevIndex > this.log.lastIndex()) return this.replyAppend(request.from, false, 0, this.log.lastIndex() + 1);
    const ourPrevTerm = this.log.termAt(prevIndex);
    if (ourPrevTerm !== prevTerm) return this.replyAppend(request.from, false, 0, this.firstIndexOfTermAt(prevIndex));
    const fresh: LogEntry[] = [];
    for (const entry of entries) {
      if (fresh.length > 0) {
        fresh.push(entry);
        continue;
      }
      const existing = this.log.termAt(entry.index);
      if (existing === entry.term) continue;
      if (existing !== undefined) {
        if (entry.index <= this.commitIndex)
          throw new Error(`raft safety: leader ${request.from} overwrites committed entry ${entry.index}`);
        this.log.truncateSuffix(entry.index);
        this.options.storage.truncateSuffix(entry.index);
        this.gate.truncated(entry.index);
      }
      fresh.push(entry);
    }
    if (fresh.length > 0) {
      for (const entry of fresh) this.log.append(entry);
      this.options.storage.append(fresh);
      this.gate.wrote();
    }
    const matched = prevIndex + entries.length;
    if (request.leaderCommit > this.commitIndex) this.advanceCommit(Math.min(request.leaderCommit, matched));
    this.replyAppend(request.from, true, matched, 0);
  }

  /** Where a leader should retry after a term mismatch at `index`: the first entry of our conflicting term. */
  private firstIndexOfTermAt(index: number): number {
    const term = this.log.termAt(index);
    let first = index;
    while (first - 1 > this.log.snapshotIndex && this.log.termAt(first - 1) === term) first -= 1;
    return Math.max(first, this.log.snapshotIndex + 1);
  }

  private onSnapshotRequest(request: SnapshotRequest): void {
    if (request.term < this.term) return this.replyAppend(request.from, false, 0, 0);
    this.followLeader(request.term, request.from);
    const index = request.lastIncludedIndex;
    if (index <= this.commitIndex) return this.replyAppend(request.from, true, index, 0);
    const snapshot: StoredSnapshot = { lastIncludedIndex: index, lastIncludedTerm: request.lastIncludedTerm, data: request.data };
    if (this.log.termAt(index) === request.lastIncludedTerm) {
      this.log.compactTo(index, request.lastIncludedTerm);
    } else {
      this.log.resetTo(index, request.lastIncludedTerm);
      this.options.storage.truncateSuffix(index + 1);
      this.gate.truncated(index + 1);
    }
    this.options.storage.saveSnapshot(snapshot);
    this.gate.wrote();
    this.latestSnapshot = snapshot;
    this.options.stateMachine.restore(request.data);
    this.commitIndex = this.lastApplied = index;
    this.replyAppend(request.from, true, index, 0);
  }

  private replyAppend(to: string, success: boolean, matchIndex: number, retryFrom: number): void {
    const reply: AppendReply = { type: 'append-reply', from: this.options.id, term: this.term, success, matchIndex, retryFrom };
    this.sendReply(to, reply);
  }

  /** Replies and vote requests vouch for local writes: they wait for the fsync (unless a planted bug says not to). */
  private sendReply(to: string, message: RaftMessage): void {
    if (this.bugs.ackBeforeFsync) this.options.transport.send(to, message);
    else this.gate.whenDurable(() => this.options.transport.send(to, message));
  }

  // ---- replication: leader side -----------------------------------------------------------------

  private appendOwn(kind: LogEntry['kind'], data: Uint8Array): number {
    const entry: LogEntry = { index: this.log.lastIndex() + 1, term: this.term, kind, data };
    this.log.append(entry);
    this.options.storage.append([entry]);
    this.gate.wrote();
    this.scheduleReplication();
    return entry.index;
  }

  /** Coalesces the appends of one turn of the event loop into one round of messages. */
  private scheduleReplication(): void {
    if (this.replicateScheduled) return;
    this.replicateScheduled = true;
    this.options.timers.after(0, () => {
      this.replicateScheduled = false;
      if (this.running && this.role === 'leader') this.broadcastAppend();
    });
  }

  private scheduleHeartbeat(): void {
    this.heartbeatTimer = this.options.timers.after(this.options.heartbeatIntervalMs, () => {
      if (!this.running || this.role !== 'leader') return;
      this.broadcastAppend();
      this.scheduleHeartbeat();
    });
  }

  private broadcastAppend(): void {
    for (const peer of this.options.peers) this.sendAppend(peer);
  }

  private sendAppend(peer: string): void {
    const next = this.nextIndex.get(peer) ?? this.log.lastIndex() + 1;
    if (next <= this.log.snapshotIndex && this.latestSnapshot) {
      const { lastIncludedIndex, lastIncludedTerm, data } = this.latestSnapshot;
      this.options.transport.send(peer, {
        type: 'snapshot-request',
        from: this.options.id,
        term: this.term,
        lastIncludedIndex,
        lastIncludedTerm,
        data,
      });
      return;
    }
    const prevLogIndex = next - 1;
    const request: AppendRequest = {
      type: 'append-request',
      from: this.options.id,
      term: this.term,
      prevLogIndex,
      prevLogTerm: this.log.termAt(prevLogIndex) ?? 0,
      entries: this.log.slice(next, this.maxEntries),
      leaderCommit: this.commitIndex,
    };
    this.options.transport.send(peer, request);
  }

  private onAppendReply(reply: AppendReply): void {
    if (reply.term > this.term) return this.becomeFollower(reply.term, undefined);
    if (this.role !== 'leader' || reply.term !== this.term) return;
    const peer = reply.from;
    this.lastAckMs.set(peer, this.options.timers.nowMs());
    const match = this.matchIndex.get(peer) ?? 0;
    // Only a reply that moves this peer forward (or to a new retry point) triggers the next send;
    // duplicated or stale replies wait for the heartbeat, so duplication cannot multiply traffic.
    if (reply.success) {
      if (reply.matchIndex <= match) return;
      this.matchIndex.set(peer, reply.matchIndex);
      this.nextIndex.set(peer, Math.max(this.nextIndex.get(peer) ?? 0, reply.matchIndex + 1));
      this.maybeAdvanceCommit();
      if ((this.nextIndex.get(peer) ?? 0) <= this.log.lastIndex()) this.sendAppend(peer);
      return;
    }
    const retryFrom = Math.max(match + 1, Math.min(reply.retryFrom, this.log.lastIndex() + 1));
    if (retryFrom === this.nextIndex.get(peer)) return;
    this.nextIndex.set(peer, retryFrom);
    this.sendAppend(peer);
  }

  private onSynced(): void {
    if (this.running && this.role === 'leader') this.maybeAdvanceCommit();
  }

  private maybeAdvanceCommit(): void {
    const own = this.bugs.ackBeforeFsync ? this.log.lastIndex() : this.gate.durableLogIndex;
    const matches = [own, ...this.options.peers.map((peer) => this.matchIndex.get(peer) ?? 0)].sort((a, b) => b - a);
    const candidate = matches[this.quorum - 1] ?? 0;
    if (candidate > this.commitIndex && this.log.termAt(candidate) === this.term) this.advanceCommit(candidate);
  }

  // ---- applying, snapshots, waiters -------------------------------------------------------------

  private advanceCommit(index: number): void {
    if (index <= this.commitIndex) return;
    this.commitIndex = index;
    while (this.lastApplied < this.commitIndex) {
      const entry = this.log.entry(this.lastApplied + 1);
      if (!entry) throw new Error(`raft: committed entry ${this.lastApplied + 1} missing from the log`);
      const result = entry.kind === 'command' ? this.options.stateMachine.apply(entry.data, entry.index) : undefined;
      this.lastApplied = entry.index;
      this.settle(entry, result);
    }
    this.maybeSnapshot();
  }

  private settle(entry: LogEntry, result: unknown): void {
    const proposal = this.pending.get(entry.index);
    if (proposal) {
      this.pending.delete(entry.index);
      proposal.resolve(proposal.term === entry.term ? { kind: 'committed', index: entry.index, result } : { kind: 'lost' });
    }
    if (entry.index === this.readNoopIndex) {
      const readers = this.readersInFlight;
      this.readersInFlight = [];
      this.readNoopIndex = undefined;
      for (const resolve of readers) resolve({ kind: 'ok' });
      if (this.readersWaiting.length > 0 && this.role === 'leader') this.startReadRound();
    }
  }

  private startReadRound(): void {
    this.readersInFlight = this.readersWaiting;
    this.readersWaiting = [];
    this.readNoopIndex = this.appendOwn('noop', new Uint8Array(0));
  }

  private maybeSnapshot(): void {
    if (this.lastApplied - this.log.snapshotIndex < this.options.snapshotEveryEntries) return;
    const term = this.log.termAt(this.lastApplied) ?? 0;
    const snapshot: StoredSnapshot = {
      lastIncludedIndex: this.lastApplied,
      lastIncludedTerm: term,
      data: this.options.stateMachine.snapshot(),
    };
    this.log.compactTo(this.lastApplied, term);
    this.options.storage.saveSnapshot(snapshot);
    this.gate.wrote();
    this.latestSnapshot = snapshot;
  }

  private failWaiters(): void {
    for (const proposal of this.pending.values()) proposal.resolve({ kind: 'lost' });
    this.pending.clear();
    const readers = [...this.readersWaiting, ...this.readersInFlight];
    this.readersWaiting = [];
    this.readersInFlight = [];
    this.readNoopIndex = undefined;
    for (const resolve of readers) resolve({ kind: 'not-leader', leaderId: this.leaderId });
  }

  private persistHardState(): void {
    this.options.storage.setHardState({ term: this.term, votedFor: this.votedFor });
    this.gate.wrote();
  }

  private notify(): void {
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}
