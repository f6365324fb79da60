// What the Raft core needs from the outside world. The real adapters (files, TCP, Node timers) and
// the deterministic simulator both implement these. See docs/raft.md#ports.
import type { LogEntry, RaftMessage } from './messages';

export interface HardState {
  term: number;
  votedFor: string | undefined;
}

export interface SnapshotMeta {
  lastIncludedIndex: number;
  lastIncludedTerm: number;
}

export interface StoredSnapshot extends SnapshotMeta {
  data: Uint8Array;
}

/** What storage recovered at start. `entries` follow the snapshot without gaps (the storage drops anything else). */
export interface RecoveredState {
  hardState: HardState;
  snapshot: StoredSnapshot | undefined;
  entries: LogEntry[];
}

/**
 * Durable storage. Mutations take effect in order but are NOT durable until a `sync` issued after
 * them completes: the core never sends a message that depends on a write before that (fsync before ack).
 */
export interface RaftStorage {
  load(): RecoveredState;
  append(entries: readonly LogEntry[]): void;
  /** Drops every entry with index >= `fromIndex`. */
  truncateSuffix(fromIndex: number): void;
  setHardState(state: HardState): void;
  /** Saves a snapshot and drops log entries up to `lastIncludedIndex`; entries after it are kept. */
  saveSnapshot(snapshot: StoredSnapshot): void;
  /** Makes every mutation issued so far durable, then calls `done` (asynchronously, never inside this call). */
  sync(done: () => void): void;
  close(): void;
}

export interface RaftTransport {
  /** Best effort: a message may be lost, delayed, reordered or duplicated. */
  send(to: string, message: RaftMessage): void;
  /** Registers the single handler for inbound messages. */
  listen(handler: (message: RaftMessage) => void): Promise<void>;
  close(): Promise<void>;
}

export interface TimerHandle {
  cancel(): void;
}

export interface RaftTimers {
  nowMs(): number;
  after(delayMs: number, callback: () => void): TimerHandle;
}

/** A source of uniform numbers in [0, 1): seeded in the simulator, Math.random in production. */
export type RandomSource = () => number;
