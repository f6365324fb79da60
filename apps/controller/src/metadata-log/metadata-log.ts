/**
 * The port replication goes through (docs/controller.md#replication): the engine appends encoded
 * events and the log hands every committed entry, in order, to `apply` (on every controller, and
 * again on replay at start). `append` resolves only after its own entry was applied locally, so a
 * reply sent after it describes committed state.
 *
 * Implementations: FileMetadataLog (one controller, fsync per entry, replay at start); a Raft-backed
 * one for a group of controllers.
 */
export interface MetadataLog {
  /** Replays what is durable into `machine`, then starts taking appends (or campaigning). */
  start(machine: LogStateMachine): Promise<void>;
  stop(): Promise<void>;
  append(entry: Uint8Array): Promise<AppendOutcome>;
  /** The live role, not a cached flag: a deposed leader stops answering leader-only requests at once. */
  isLeader(): boolean;
  /** The current leader as far as this node knows, undefined while there is none. */
  leader(): ControllerPeer | undefined;
  onLeadershipChange(listener: (isLeader: boolean) => void): () => void;
}

/** What the log drives: committed entries in order, and (for logs that compact) whole-state snapshots. */
export interface LogStateMachine {
  apply(entry: Uint8Array, index: number): void;
  snapshot(): Uint8Array;
  restore(snapshot: Uint8Array): void;
}

export type AppendOutcome =
  | { readonly kind: 'committed'; readonly index: number }
  | { readonly kind: 'not-leader'; readonly leaderId?: string }
  | { readonly kind: 'failed'; readonly reason: string };

export interface ControllerPeer {
  /** e.g. "n0" */
  readonly id: string;
  /** The client-facing ip:port brokers and tools use. */
  readonly address: string;
}
