/**
 * Walks the records of one commit-log segment from a position and says where valid data ends
 * and why (docs/store-and-ha.md#recovery, checkMessageAndReturnSize with checkCRCOnRecover). A record is valid
 * when model's decoder accepts it with the body CRC verified (magic, TOTALSIZE equal to the sum
 * of its fields, CRC) and its PHYSICALOFFSET names the place it sits at; the last check rejects
 * stale records left behind an earlier truncation.
 *
 * Reads go in chunks (never the whole 1 GiB segment); a record crossing the chunk end is read
 * again from its start.
 */
import {
  BLANK_MAGIC_CODE,
  isMessageMagicCode,
  MESSAGE_RECORD_MIN_BYTES,
  MessageDecodeError,
  MessageRecordPosition,
  decodeMessageRecord,
} from '@rocketmq-ts/model';

import type { MappedFile } from '../mapped-file/mapped-file';

export type SegmentScanStop =
  /** An all-zero header: the preallocated, never written tail. */
  | 'end-of-data'
  /** The BLANK marker (or the exact file end): data goes on in the next segment. */
  | 'end-of-file'
  /** A record failed a check; `reason` says which. */
  | 'corrupt';

export interface SegmentScan {
  /** Position in the file just after the last valid record. */
  readonly endPosition: number;
  readonly stop: SegmentScanStop;
  readonly reason: string | undefined;
  readonly records: number;
}

const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

export async function scanSegment(file: MappedFile, fromPosition: number, chunkBytes = DEFAULT_CHUNK_BYTES): Promise<SegmentScan> {
  const fileSize = file.fileSizeBytes;
  let chunk: Buffer = Buffer.alloc(0);
  let chunkStart = 0;
  let position = fromPosition;
  let records = 0;
  const stop = (kind: SegmentScanStop, reason?: string): SegmentScan => ({ endPosition: position, stop: kind, reason, records });

  for (;;) {
    if (position + 8 > fileSize) return stop('end-of-file');
    if (position + 8 > chunkStart + chunk.length) {
      chunkStart = position;
      chunk = (await file.read(position, Math.min(chunkBytes, fileSize - position))) ?? Buffer.alloc(0);
      if (chunk.length < 8) return stop('corrupt', 'segment shorter than its configured size');
    }
    const at = position - chunkStart;
    const totalSize = chunk.readInt32BE(at);
    const magic = chunk.readInt32BE(at + MessageRecordPosition.MAGIC_CODE);
    if (totalSize === 0 && magic === 0) return stop('end-of-data');
    if (magic === BLANK_MAGIC_CODE) return stop('end-of-file');
    if (!isMessageMagicCode(magic)) {
      return stop('corrupt', `unknown magic code 0x${(magic >>> 0).toString(16).toUpperCase()}`);
    }
    if (totalSize < MESSAGE_RECORD_MIN_BYTES || position + totalSize > fileSize)
      return stop('corrupt', `implausible total size ${totalSize}`);
    if (position + totalSize > chunkStart + chunk.length) {
      chunkStart = position;
      chunk = (await file.read(position, Math.min(Math.max(chunkBytes, totalSize), fileSize - position))) ?? Buffer.alloc(0);
      if (chunk.length < totalSize) return stop('corrupt', `record of ${totalSize} bytes runs past the readable data`);
    }
    const reason = checkRecord(chunk, position - chunkStart, file.fileFromOffset + position);
    if (reason) return stop('corrupt', reason);
    position += totalSize;
    records++;
  }
}

/** Undefined when the record at `chunk[at]` is valid, else why not. */
function checkRecord(chunk: Buffer, at: number, expectedPhysicalOffset: number): string | undefined {
  try {
    const record = decodeMessageRecord(chunk, at, chunk.length, { verifyBodyCrc: true });
    if (record.physicalOffset !== expectedPhysicalOffset) {
      return `record claims physical offset ${record.physicalOffset} but sits at ${expectedPhysicalOffset}`;
    }
    return undefined;
  } catch (error) {
    if (error instanceof MessageDecodeError) return error.reason;
    throw error;
  }
}

/** Store time of a segment's first record when it is valid (abnormal recovery picks its start by it). */
export async function firstRecordStoreTimestamp(file: MappedFile): Promise<number | undefined> {
  const header = await file.read(0, 8);
  if (!header || header.length < 8) return undefined;
  const totalSize = header.readInt32BE(0);
  if (totalSize < MESSAGE_RECORD_MIN_BYTES || totalSize > file.fileSizeBytes) return undefined;
  const bytes = await file.read(0, totalSize);
  if (!bytes || bytes.length < totalSize || checkRecord(bytes, 0, file.fileFromOffset) !== undefined) return undefined;
  return decodeMessageRecord(bytes, 0, totalSize).storeTimestamp;
}
