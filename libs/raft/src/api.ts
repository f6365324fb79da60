// The surface a Raft user (the controller) codes against. See docs/raft.md#the-api.

/** The replicated state machine. `apply` must be deterministic: every node applies the same commands in the same order. */
export interface RaftStateMachine {
  /** Applies one committed command; the result goes back to the proposer when this node proposed it. */
  apply(command: Uint8Array, index: number): unknown;
  /** The state after the last applied entry. */
  snapshot(): Uint8Array;
  /** Replaces the whole state with a snapshot taken by `snapshot()` (on this node or another). */
  restore(snapshot: Uint8Array): void;
}

export type ProposeOutcome =
  | { kind: 'committed'; index: number; result: unknown }
  | { kind: 'not-leader'; leaderId: string | undefined }
  /** Leadership was lost before the entry committed; it may or may not commit later. */
  | { kind: 'lost' };

export type ReadBarrierOutcome = { kind: 'ok' } | { kind: 'not-leader'; leaderId: string | undefined };

export type RaftRole = 'follower' | 'candidate' | 'leader';

export interface RaftStatus {
  id: string;
  role: RaftRole;
  term: number;
  leaderId: string | undefined;
  commitIndex: number;
  lastApplied: number;
}

export interface RaftNode {
  start(): Promise<void>;
  stop(): Promise<void>;
  propose(command: Uint8Array): Promise<ProposeOutcome>;
  /** Linearizable read barrier: resolves `ok` once this leader's state machine reflects every write committed before the call. */
  readBarrier(): Promise<ReadBarrierOutcome>;
  status(): RaftStatus;
  /** Called when role, term or leader change (not on every commit). Returns an unsubscribe function. */
  onStatusChange(listener: (status: RaftStatus) => void): () => void;
}
