import type { RaftStatus } from '../api';
import type { RaftLog } from '../core/raft-log';
import type { LogEntry } from '../messages';

export class SafetyViolation extends Error {
  override readonly name = 'SafetyViolation';
}

interface CommittedEntry {
  term: number;
  key: string;
}

const keys = new WeakMap<Uint8Array, string>();

/** A comparable form of an entry's content, cached per byte array (the simulator shares entries between nodes). */
function keyOf(entry: Pick<LogEntry, 'kind' | 'data'>): string {
  if (entry.kind === 'noop') return 'noop';
  let key = keys.get(entry.data);
  if (key === undefined) {
    key = Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength).toString('latin1');
    keys.set(entry.data, key);
  }
  return key;
}

/** What the checker needs to see of a live node. */
export interface InspectedNode {
  id: string;
  status: RaftStatus;
  log: RaftLog;
}

/**
 * The invariants checked after every simulated step (docs/raft.md#checks):
 * - election safety: at most one leader per term;
 * - committed entries never change: the first time any node commits index i we record (term, command);
 *   every node's log, state machine and propose result must agree with that record forever after;
 * - log matching: two logs holding an entry with the same index and term hold the same command;
 * - leader completeness: a new leader's log holds every committed entry above its snapshot;
 * - state machines agree: the hash chain after index i is the same on every node.
 */
export class SafetyChecker {
  private readonly leaderOfTerm = new Map<number, string>();
  private readonly committed = new Map<number, CommittedEntry>();
  private readonly byIndexTerm = new Map<string, LogEntry>();
  private readonly appliedCommand = new Map<number, string>();
  private readonly hashAfter = new Map<number, number>();
  private readonly checkedUpTo = new Map<string, number>();
  maxCommitted = 0;

  onLeader(node: InspectedNode): void {
    const { id, status, log } = node;
    const previous = this.leaderOfTerm.get(status.term);
    if (previous !== undefined && previous !== id) throw new SafetyViolation(`two leaders in term ${status.term}: ${previous} and ${id}`);
    this.leaderOfTerm.set(status.term, id);
    for (const [index, entry] of this.committed) {
      if (index <= log.snapshotIndex) continue;
      const own = log.entry(index);
      if (!own || own.term !== entry.term || keyOf(own) !== entry.key) {
        throw new SafetyViolation(`leader ${id} of term ${status.term} lacks committed entry ${index} (term ${entry.term})`);
      }
    }
  }

  /** A node restarted: its commit index starts again from its snapshot. */
  onRestart(id: string, snapshotIndex: number): void {
    this.checkedUpTo.set(id, snapshotIndex);
  }

  onApplied(id: string, index: number, command: Uint8Array, hash: number): void {
    const key = keyOf({ kind: 'command', data: command });
    const applied = this.appliedCommand.get(index);
    if (applied !== undefined && applied !== key) throw new SafetyViolation(`${id} applied a different command at ${index}`);
    this.appliedCommand.set(index, key);
    const committed = this.committed.get(index);
    if (committed && committed.key !== key) throw new SafetyViolation(`${id} applied at ${index} a command other than the committed one`);
    const expected = this.hashAfter.get(index);
    if (expected !== undefined && expected !== hash) throw new SafetyViolation(`state machines diverge at ${index} (${id})`);
    this.hashAfter.set(index, hash);
  }

  /** A proposal came back committed at `index` with `result`: the command there must be the proposed one. */
  onProposalCommitted(id: string, index: number, command: Uint8Array, result: unknown): void {
    const key = keyOf({ kind: 'command', data: command });
    const applied = this.appliedCommand.get(index);
    if (applied !== key) throw new SafetyViolation(`${id} answered "committed at ${index}" for a command that is not there`);
    if (this.hashAfter.get(index) !== result)
      throw new SafetyViolation(`${id} returned a result at ${index} that is not the state machine's`);
  }

  checkNode(node: InspectedNode): void {
    const { id, status, log } = node;
    const from = Math.max(this.checkedUpTo.get(id) ?? 0, log.snapshotIndex);
    for (let index = from + 1; index <= status.commitIndex; index += 1) {
      const entry = log.entry(index);
      if (!entry) throw new SafetyViolation(`${id} commit index ${status.commitIndex} beyond its log (${index} missing)`);
      const recorded = this.committed.get(index);
      const key = keyOf(entry);
      if (!recorded) {
        this.committed.set(index, { term: entry.term, key });
        const applied = this.appliedCommand.get(index);
        if (applied !== undefined && entry.kind === 'command' && applied !== key)
          throw new SafetyViolation(`committed ${index} differs from what was applied`);
      } else if (recorded.term !== entry.term || recorded.key !== key) {
        throw new SafetyViolation(`committed entry ${index} changed on ${id}: term ${recorded.term} became ${entry.term}`);
      }
    }
    if (status.commitIndex > (this.checkedUpTo.get(id) ?? 0)) this.checkedUpTo.set(id, status.commitIndex);
    this.maxCommitted = Math.max(this.maxCommitted, status.commitIndex);
    // Any two entries with equal (index, term), on any nodes at any time, must hold the same command.
    // (Entries past a node's own commit index may legitimately differ from what others committed: a
    // stale follower keeps them until the leader overwrites them.)
    for (const entry of log.slice(log.snapshotIndex + 1, Number.MAX_SAFE_INTEGER)) {
      const slot = `${entry.index}:${entry.term}`;
      const seen = this.byIndexTerm.get(slot);
      if (seen === undefined) this.byIndexTerm.set(slot, entry);
      else if (seen !== entry && keyOf(seen) !== keyOf(entry))
        throw new SafetyViolation(`log matching broken at index ${entry.index} term ${entry.term} (${id})`);
    }
  }
}
