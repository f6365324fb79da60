/**
 * One consume-queue entry (docs/store-and-ha.md#consume-queues), big-endian, 20 bytes:
 *
 *   pos  size  field
 *     0  8     commit-log offset of the record
 *     8  4     record size in bytes
 *    12  8     tags code: Java String.hashCode of TAGS (sign-extended), or a delivery time
 *
 * Valid entries have offset >= 0 and size > 0; an all-zero entry (unwritten sparse bytes) is the
 * end of the queue. A pre-fill entry (0, Integer.MAX_VALUE, 0) holds a place before a queue's
 * first real entry and is never served.
 */
import { readInt64, writeInt64 } from '@rocketmq-ts/base';

export const CQ_ENTRY_BYTES = 20;
export const BLANK_ENTRY_SIZE = 0x7fffffff;

/** Writes one entry into the first CQ_ENTRY_BYTES of `target` (a reused scratch entry). */
export function writeEntry(target: Buffer, commitLogOffset: number, size: number, tagsCode: number): void {
  writeInt64(target, commitLogOffset, 0);
  target.writeInt32BE(size, 8);
  writeInt64(target, tagsCode, 12);
}

/** Reads entry `index` of a buffer of back-to-back entries. */
export function entryCommitLogOffset(entries: Buffer, index: number): number {
  return readInt64(entries, index * CQ_ENTRY_BYTES);
}

export function entrySize(entries: Buffer, index: number): number {
  return entries.readInt32BE(index * CQ_ENTRY_BYTES + 8);
}

export function entryTagsCode(entries: Buffer, index: number): number {
  return readInt64(entries, index * CQ_ENTRY_BYTES + 12);
}

/** A real entry: what recovery accepts, minus the pre-fill placeholders. */
export function isRealEntry(entries: Buffer, index: number): boolean {
  const size = entrySize(entries, index);
  return size > 0 && size !== BLANK_ENTRY_SIZE && entryCommitLogOffset(entries, index) >= 0;
}

/** What recovery accepts as written: offset >= 0 and size > 0 (placeholders included). */
export function isWrittenEntry(entries: Buffer, index: number): boolean {
  return entrySize(entries, index) > 0 && entryCommitLogOffset(entries, index) >= 0;
}
