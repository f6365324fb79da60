/**
 * Seams inside the store, between the commit log (the one source of truth) and what is derived
 * from it (consume queues, index), so each side is built and tested on its own.
 */

/** Hands out queue offsets inside the single writer, so queue order is append order. */
export interface QueueOffsetAssigner {
  /** Reserves `count` consecutive offsets for topic-queue and returns the first. */
  assignQueueOffset(topic: string, queueId: number, count: number): number;
}

/** Bytes read from the commit log: `buffer[0]` is the byte at commit-log offset `startOffset`. */
export interface CommitLogChunk {
  readonly startOffset: number;
  readonly buffer: Buffer;
}

/** What the dispatcher and readers need from the commit log. */
export interface CommitLogReader {
  /** Lowest offset still on disk (start of the oldest segment). */
  minOffset(): number;
  /** Offset after the last appended byte. */
  maxOffset(): number;
  /** Offset up to which data is fsync'd. */
  flushedOffset(): number;
  /** What the dispatcher may read up to: flushedOffset under SYNC_FLUSH, maxOffset otherwise. */
  confirmOffset(): number;
  /** Bytes [offset, offset + size), never across a segment end; undefined if not on disk. */
  read(offset: number, size: number): Promise<Buffer | undefined>;
  /**
   * Up to `maxBytes` from `offset` to the end of its segment's written data, for scanning whole
   * records; undefined when nothing is there.
   */
  readChunk(offset: number, maxBytes: number): Promise<CommitLogChunk | undefined>;
  /** Start of the segment after the one holding `offset` (where a BLANK marker sends readers). */
  rollNextFile(offset: number): number;
  /**
   * Called after every append (puts and replicated bytes) and, under SYNC_FLUSH, after a flush
   * moves the horizon; the dispatcher and the HA master wake up on it. Returns the unsubscribe.
   */
  onAppended(listener: () => void): () => void;
}

/** One record as the dispatcher sees it, turned into a consume-queue entry and index keys. */
export interface DispatchRequest {
  readonly topic: string;
  readonly queueId: number;
  readonly commitLogOffset: number;
  readonly msgSize: number;
  readonly tagsCode: number;
  readonly storeTimestamp: number;
  readonly consumeQueueOffset: number;
  readonly keys: string | undefined;
  readonly uniqKey: string | undefined;
  readonly sysFlag: number;
  readonly preparedTransactionOffset: number;
}
