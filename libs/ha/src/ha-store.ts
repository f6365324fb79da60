/**
 * What HA needs from the message store, as ports. DefaultMessageStore (@rocketmq-ts/store)
 * satisfies both as it is; specs may pass anything shaped alike.
 */

/** Raw commit-log bytes starting at `startOffset`. */
export interface CommitLogChunk {
  readonly startOffset: number;
  readonly buffer: Buffer;
}

/** The master's commit log, read-only. */
export interface HAMasterStore {
  getMinPhyOffset(): number;
  getMaxPhyOffset(): number;
  /** Up to `maxBytes` from `offset`, never past the end of its segment's written data. */
  readCommitLog(offset: number, maxBytes: number): Promise<CommitLogChunk | undefined>;
  /** Runs `listener` after every append; returns the unsubscribe. */
  onCommitLogAppended(listener: () => void): () => void;
  /** Segment size (mappedFileSizeCommitLog): a new slave starts at the last segment start. */
  commitLogSegmentBytes(): number;
}

/** The slave's commit log, written only with what the master sends. */
export interface HASlaveStore {
  getMaxPhyOffset(): number;
  /** Writes `bytes` at `offset` (the end of the log, or a segment start while empty); returns the new end. Throws on refusal. */
  appendReplicated(offset: number, bytes: Buffer): number;
}
