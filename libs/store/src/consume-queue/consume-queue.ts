/**
 * The consume queue of one topic-queue (docs/store-and-ha.md#consume-queues): entry n sits at byte n × 20 of a chain
 * of segment files under consumequeue/<topic>/<queueId>/, each named by its starting byte offset.
 * Logical offsets below are entry numbers; byte offsets are only used against the files.
 *
 * Invariants:
 * - entries [minLogicOffset, maxLogicOffset) are readable; maxLogicOffset is the next to write;
 * - entries are in commit-log order, so `maxPhysicOffsetEnd` (end of the newest record indexed)
 *   makes `put` idempotent: a record ending at or before it is already here (replays are safe);
 * - bytes past maxLogicOffset are zeros, so recovery stops exactly at the end.
 *
 * Owner: the ConsumeQueueStore; the dispatcher is the only writer. Nothing here awaits but `flush`.
 */
import { at, type Logger } from '@rocketmq-ts/base';

import {
  BLANK_ENTRY_SIZE,
  CQ_ENTRY_BYTES,
  entryCommitLogOffset,
  entrySize,
  isRealEntry,
  isWrittenEntry,
  writeEntry,
} from './consume-queue-entry';
import { SegmentFiles } from './segment-files';

/** Entries scanned per read during recovery and truncation (64 KiB). */
const SCAN_ENTRIES = 3276;

export interface ConsumeQueueParts {
  readonly topic: string;
  readonly queueId: number;
  readonly dir: string;
  readonly fileSizeBytes: number;
  readonly logger: Logger;
}

export class ConsumeQueue {
  private readonly files: SegmentFiles;
  private readonly entriesPerFile: number;
  private minLogicOffset = 0;
  private maxLogicOffset = 0;
  private maxPhysicOffsetEnd = 0;
  /** One entry's bytes, reused by every put: no allocation per message. */
  private readonly scratch = Buffer.alloc(CQ_ENTRY_BYTES);

  readonly topic: string;
  readonly queueId: number;
  private readonly logger: Logger;

  constructor(parts: ConsumeQueueParts) {
    ({ topic: this.topic, queueId: this.queueId, logger: this.logger } = parts);
    const { dir, fileSizeBytes } = parts;
    if (fileSizeBytes % CQ_ENTRY_BYTES !== 0)
      throw new RangeError(`consume-queue file size ${fileSizeBytes} is not a multiple of ${CQ_ENTRY_BYTES}`);
    this.files = new SegmentFiles(dir, fileSizeBytes);
    this.entriesPerFile = fileSizeBytes / CQ_ENTRY_BYTES;
  }

  /** Opens the files and finds the end: the first entry that is not written (docs/store-and-ha.md#recovery). */
  loadAndRecover(): void {
    this.files.load();
    const starts = this.files.startOffsets();
    // The newest file whose first entry is written holds the end; later files are torn creates.
    let lastIndex = starts.length - 1;
    while (lastIndex >= 0 && this.scanWritten(at(starts, lastIndex, 'segment starts'), 1) === 0) lastIndex--;
    if (lastIndex < 0) {
      const first = this.files.firstStartOffset() ?? 0;
      this.files.deleteFrom(0);
      this.minLogicOffset = this.maxLogicOffset = first / CQ_ENTRY_BYTES;
      return;
    }
    const lastStart = at(starts, lastIndex, 'segment starts');
    this.files.deleteFrom(lastStart + 1);
    const firstEntry = lastStart / CQ_ENTRY_BYTES;
    this.maxLogicOffset = firstEntry + this.scanWritten(lastStart, this.entriesPerFile);
    this.minLogicOffset = (this.files.firstStartOffset() as number) / CQ_ENTRY_BYTES;
    this.maxPhysicOffsetEnd = this.newestRecordEnd();
  }

  getMinOffsetInQueue(): number {
    return this.minLogicOffset;
  }

  /** Next logical offset to be written: the number of messages ever stored (docs/store-and-ha.md#metadata-files). */
  getMaxOffsetInQueue(): number {
    return this.maxLogicOffset;
  }

  /** Commit-log end of the newest record indexed; 0 for an empty queue. */
  getMaxPhysicOffsetEnd(): number {
    return this.maxPhysicOffsetEnd;
  }

  /**
   * Appends the entry for a dispatched record at its own queue offset. Returns false, writing
   * nothing, for a record already indexed (replay after a restart) or an out-of-order offset.
   */
  put(commitLogOffset: number, size: number, tagsCode: number, queueOffset: number): boolean {
    if (commitLogOffset + size <= this.maxPhysicOffsetEnd) return false;
    if (queueOffset < this.maxLogicOffset) {
      this.logger.warn(
        { topic: this.topic, queueId: this.queueId, queueOffset, maxOffset: this.maxLogicOffset },
        'consume queue entry built twice; skipped',
      );
      return false;
    }
    if (this.files.isEmpty()) this.startAt(queueOffset);
    else if (queueOffset > this.maxLogicOffset) {
      this.logger.warn(
        { topic: this.topic, queueId: this.queueId, queueOffset, maxOffset: this.maxLogicOffset },
        'consume queue gap filled with placeholders',
      );
      this.fillPlaceholders(this.maxLogicOffset, queueOffset);
    }
    writeEntry(this.scratch, commitLogOffset, size, tagsCode);
    this.files.write(queueOffset * CQ_ENTRY_BYTES, this.scratch);
    this.maxLogicOffset = queueOffset + 1;
    this.maxPhysicOffsetEnd = commitLogOffset + size;
    return true;
  }

  /**
   * Entries [offset, offset + maxCount) clipped to the readable range, back to back in a new
   * buffer (decode with the consume-queue-entry helpers). Empty when nothing is there.
   */
  readEntries(offset: number, maxCount: number): Buffer {
    const from = Math.max(offset, this.minLogicOffset);
    return this.readRaw(from, maxCount);
  }

  /** Like readEntries, but below the min offset too (for deciding what to delete). */
  private readRaw(from: number, maxCount: number): Buffer {
    const count = Math.max(0, Math.min(maxCount, this.maxLogicOffset - from));
    const entries = Buffer.alloc(count * CQ_ENTRY_BYTES);
    let read = 0;
    while (read < entries.length) {
      const bytes = this.files.read(from * CQ_ENTRY_BYTES + read, entries.subarray(read));
      if (bytes === 0) return entries.subarray(0, read - (read % CQ_ENTRY_BYTES));
      read += bytes;
    }
    return entries;
  }

  /** Drops entries whose record ends past `commitLogEnd` (the commit log was truncated there). */
  truncateDirty(commitLogEnd: number): void {
    if (this.maxPhysicOffsetEnd <= commitLogEnd) return;
    let newMax = this.maxLogicOffset;
    while (newMax > this.minLogicOffset) {
      const from = Math.max(this.minLogicOffset, newMax - SCAN_ENTRIES);
      const entries = this.readEntries(from, newMax - from);
      let kept = entries.length / CQ_ENTRY_BYTES;
      while (
        kept > 0 &&
        (entrySize(entries, kept - 1) === BLANK_ENTRY_SIZE ||
          entryCommitLogOffset(entries, kept - 1) + entrySize(entries, kept - 1) > commitLogEnd)
      )
        kept--;
      newMax = from + kept;
      if (kept > 0) break;
    }
    this.logger.info(
      { topic: this.topic, queueId: this.queueId, from: this.maxLogicOffset, to: newMax, commitLogEnd },
      'consume queue truncated',
    );
    this.files.zeroRange(newMax * CQ_ENTRY_BYTES, this.maxLogicOffset * CQ_ENTRY_BYTES);
    const fileSize = this.entriesPerFile * CQ_ENTRY_BYTES;
    this.files.deleteFrom(Math.ceil((newMax * CQ_ENTRY_BYTES + 1) / fileSize) * fileSize);
    this.maxLogicOffset = newMax;
    this.maxPhysicOffsetEnd = this.newestRecordEnd();
    if (this.files.isEmpty()) this.minLogicOffset = this.maxLogicOffset;
  }

  /**
   * Moves the min offset to the first entry whose record is still in the commit log, after
   * deleting files whose every record is below `commitLogMinOffset`. The newest file is kept: it
   * holds the write position.
   */
  deleteExpired(commitLogMinOffset: number): number {
    const starts = this.files.startOffsets();
    let deleteBelowByte = 0;
    for (let i = 0; i < starts.length - 1; i++) {
      const nextStart = at(starts, i + 1, 'segment starts');
      const lastEntry = this.readRaw(nextStart / CQ_ENTRY_BYTES - 1, 1);
      if (lastEntry.length === 0 || entryCommitLogOffset(lastEntry, 0) + entrySize(lastEntry, 0) > commitLogMinOffset) break;
      deleteBelowByte = nextStart;
    }
    const deleted = deleteBelowByte > 0 ? this.files.deleteBelow(deleteBelowByte) : 0;
    this.correctMinOffset(commitLogMinOffset);
    return deleted;
  }

  /** Binary search in the first file for the first real entry at or past `commitLogMinOffset`. */
  correctMinOffset(commitLogMinOffset: number): void {
    const first = this.files.firstStartOffset();
    if (first === undefined) {
      this.minLogicOffset = this.maxLogicOffset;
      return;
    }
    let low = first / CQ_ENTRY_BYTES;
    let high = Math.min(this.maxLogicOffset, low + this.entriesPerFile);
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      const entry = this.readRaw(middle, 1);
      if (entry.length > 0 && isRealEntry(entry, 0) && entryCommitLogOffset(entry, 0) >= commitLogMinOffset) high = middle;
      else low = middle + 1;
    }
    this.minLogicOffset = low;
  }

  flush(): Promise<void> {
    return this.files.flush();
  }

  close(): void {
    this.files.close();
  }

  /** Removes the queue's files and directory (DELETE_TOPIC). */
  destroy(): void {
    this.files.destroyAll();
    this.minLogicOffset = this.maxLogicOffset = this.maxPhysicOffsetEnd = 0;
  }

  /** First write of an empty queue: its first file starts at a file boundary, padded up to `queueOffset`. */
  private startAt(queueOffset: number): void {
    const fileStartEntry = queueOffset - (queueOffset % this.entriesPerFile);
    this.fillPlaceholders(fileStartEntry, queueOffset);
    this.minLogicOffset = queueOffset;
  }

  private fillPlaceholders(fromEntry: number, toEntry: number): void {
    const chunk = Buffer.alloc(Math.min(SCAN_ENTRIES, toEntry - fromEntry) * CQ_ENTRY_BYTES);
    writeEntry(this.scratch, 0, BLANK_ENTRY_SIZE, 0);
    for (let i = 0; i < chunk.length; i += CQ_ENTRY_BYTES) this.scratch.copy(chunk, i);
    for (let entry = fromEntry; entry < toEntry;) {
      // Never cross a file boundary in one write.
      const count = Math.min(toEntry - entry, chunk.length / CQ_ENTRY_BYTES, this.entriesPerFile - (entry % this.entriesPerFile));
      this.files.write(entry * CQ_ENTRY_BYTES, chunk, count * CQ_ENTRY_BYTES);
      entry += count;
    }
  }

  /** Counts written entries from a file start, up to `limit`, stopping at the first unwritten one. */
  private scanWritten(fileStartByte: number, limit: number): number {
    const chunk = Buffer.alloc(Math.min(limit, SCAN_ENTRIES) * CQ_ENTRY_BYTES);
    let count = 0;
    while (count < limit) {
      const bytes = this.files.read(
        fileStartByte + count * CQ_ENTRY_BYTES,
        chunk,
        Math.min(chunk.length, (limit - count) * CQ_ENTRY_BYTES),
      );
      const entries = Math.floor(bytes / CQ_ENTRY_BYTES);
      for (let i = 0; i < entries; i++) {
        if (!isWrittenEntry(chunk, i)) return count + i;
      }
      if (entries === 0) return count;
      count += entries;
    }
    return count;
  }

  /** Commit-log end of the newest real entry, scanning back over placeholders; 0 if none. */
  private newestRecordEnd(): number {
    for (let end = this.maxLogicOffset; end > this.minLogicOffset;) {
      const from = Math.max(this.minLogicOffset, end - SCAN_ENTRIES);
      const entries = this.readEntries(from, end - from);
      for (let i = entries.length / CQ_ENTRY_BYTES - 1; i >= 0; i--) {
        if (isRealEntry(entries, i)) return entryCommitLogOffset(entries, i) + entrySize(entries, i);
      }
      end = from;
    }
    return 0;
  }
}
