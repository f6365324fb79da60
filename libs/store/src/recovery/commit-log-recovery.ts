/**
 * Commit-log recovery at start (docs/store-and-ha.md#recovery): find where valid data ends, make that the end
 * of the log, and tell the caller where dispatch to consume queues and index must resume.
 *
 * Start segment:
 * - normal (clean last exit): the newest segment starting at or below the highest commit-log
 *   offset the consume queues already hold (RocketMQ 5.x). Everything before it is dispatched.
 * - abnormal (abort file found): the newest segment whose first record is valid and was stored
 *   no later than `checkpoint.minTimestampMs()` (what consume queues and the commit log are known
 *   to have flushed); segment 0 when none is.
 *
 * From there records are scanned (segment-scanner.ts); BLANK jumps to the next segment; the first
 * invalid record ends the log. The tail is truncated: positions set, later segments deleted.
 * A corrupt tail is logged with its offset and reason, because it means acknowledged-but-
 * unflushed data was lost (ASYNC_FLUSH) or a disk misbehaved.
 *
 * Invariant on return: maxOffset() === flushedOffset() === endOffset, and every byte in
 * [minOffset, endOffset) is valid records or BLANK padding.
 */
import { at, type Logger } from '@rocketmq-ts/base';

import type { MappedFile } from '../mapped-file/mapped-file';
import type { MappedFileQueue } from '../mapped-file/mapped-file-queue';
import { firstRecordStoreTimestamp, type SegmentScan, scanSegment } from './segment-scanner';

export interface CommitLogRecoveryOptions {
  /** False when the abort file was found at start. */
  readonly lastExitOK: boolean;
  readonly checkpoint: { minTimestampMs(): number };
  /**
   * End (offset + size) of the last record the consume queues point at, or 0 when they are
   * empty. Only used for normal recovery.
   */
  readonly maxPhyOffsetInConsumeQueues: number;
}

export interface CommitLogTruncation {
  /** Where valid data ends: the first byte dropped. */
  readonly offset: number;
  readonly reason: string;
}

export interface CommitLogRecoveryResult {
  /** End of valid data = the new maxOffset. */
  readonly endOffset: number;
  /**
   * Where the dispatcher resumes: records in [dispatchFrom, endOffset) must be (re)dispatched to
   * consume queues and index. Consume-queue entries at or beyond endOffset must be dropped.
   */
  readonly dispatchFrom: number;
  readonly mode: 'normal' | 'abnormal';
  /** Start of the segment the scan began with. */
  readonly scanFrom: number;
  readonly recordsScanned: number;
  /** Set when an invalid record (torn write, corruption, garbage) ended the log. */
  readonly truncation: CommitLogTruncation | undefined;
  /** Start offsets of segments deleted because they lay after the end. */
  readonly deletedSegments: readonly number[];
}

export async function recoverCommitLog(
  queue: MappedFileQueue,
  options: CommitLogRecoveryOptions,
  logger: Logger,
): Promise<CommitLogRecoveryResult> {
  const mode = options.lastExitOK ? 'normal' : 'abnormal';
  const files = queue.mappedFiles();
  if (files.length === 0) {
    logger.info({ mode }, 'commit log is empty: nothing to recover');
    return { endOffset: 0, dispatchFrom: 0, mode, scanFrom: 0, recordsScanned: 0, truncation: undefined, deletedSegments: [] };
  }
  const startIndex = options.lastExitOK
    ? normalStartIndex(files, options.maxPhyOffsetInConsumeQueues)
    : await abnormalStartIndex(files, options.checkpoint.minTimestampMs());
  const scanFrom = at(files, startIndex, 'commit-log segments').fileFromOffset;
  const { endOffset, records, corrupt } = await scanFromSegment(files, startIndex);

  const truncation = corrupt ? { offset: endOffset, reason: corrupt.reason ?? 'invalid record' } : undefined;
  if (truncation) {
    logger.warn(
      { mode, offset: truncation.offset, reason: truncation.reason },
      `commit log: invalid record at offset ${truncation.offset} (${truncation.reason}); truncating the log there`,
    );
  }
  const deletedSegments = await queue.truncateDirtyFiles(endOffset);
  if (deletedSegments.length > 0) logger.warn({ endOffset, deletedSegments }, 'commit log: deleted segments after the end of valid data');

  const minOffset = queue.minOffset();
  const dispatchFrom = options.lastExitOK ? Math.min(Math.max(options.maxPhyOffsetInConsumeQueues, minOffset), endOffset) : scanFrom;
  logger.info({ mode, scanFrom, endOffset, dispatchFrom, records }, 'commit log recovered');
  return { endOffset, dispatchFrom, mode, scanFrom, recordsScanned: records, truncation, deletedSegments };
}

function normalStartIndex(files: readonly MappedFile[], maxPhyOffsetInConsumeQueues: number): number {
  for (let index = files.length - 1; index > 0; index--) {
    if (at(files, index, 'commit-log segments').fileFromOffset <= maxPhyOffsetInConsumeQueues) return index;
  }
  return 0;
}

async function abnormalStartIndex(files: readonly MappedFile[], minTimestampMs: number): Promise<number> {
  for (let index = files.length - 1; index > 0; index--) {
    const storeTimestamp = await firstRecordStoreTimestamp(at(files, index, 'commit-log segments'));
    if (storeTimestamp !== undefined && storeTimestamp <= minTimestampMs) return index;
  }
  return 0;
}

interface ScanOutcome {
  readonly endOffset: number;
  readonly records: number;
  readonly corrupt: SegmentScan | undefined;
}

/** Scans segment after segment while each one ends with BLANK (or exactly full). */
async function scanFromSegment(files: readonly MappedFile[], startIndex: number): Promise<ScanOutcome> {
  let records = 0;
  for (let index = startIndex; ; index++) {
    const file = at(files, index, 'commit-log segments');
    const scan = await scanSegment(file, 0);
    records += scan.records;
    if (scan.stop === 'end-of-file') {
      // A full segment: its end is the log's end unless another segment follows.
      if (index + 1 < files.length) continue;
      return { endOffset: file.fileFromOffset + file.fileSizeBytes, records, corrupt: undefined };
    }
    return { endOffset: file.fileFromOffset + scan.endPosition, records, corrupt: scan.stop === 'corrupt' ? scan : undefined };
  }
}
