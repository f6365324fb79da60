/**
 * One IndexFile (docs/store-and-ha.md#index-file): a hash table of message keys to commit-log offsets, with a
 * slot array of chain heads and an append-only entry array. Big-endian.
 *
 *   header (40 B)  beginTimestamp 8 @0, endTimestamp 8 @8, beginPhyOffset 8 @16,
 *                  endPhyOffset 8 @24, hashSlotCount 4 @32, indexCount 4 @36
 *   slots          hashSlotNum × 4 B: number of the newest entry filed under the slot, 0 = empty
 *   entries        indexNum × 20 B: keyHash 4, phyOffset 8, timeDiff 4 (seconds since
 *                  beginTimestamp), prevIndex 4 (older entry of the same slot, 0 = end)
 *
 * indexCount starts at 1, so entry 0 is never used and 0 means "none". The file is created
 * sparse at full size. The header lives in memory and is written when the file is sealed (full)
 * or flushed at shutdown; after a crash the newest file is rebuilt instead of trusted.
 *
 * Owner: the IndexService (dispatch writes, queries read). Nothing awaits but `flush`.
 */
import { closeSync, fdatasync, ftruncateSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

import { readInt64, writeInt64 } from '@rocketmq-ts/base';
import type { QueryMessageRequest } from '../message-store';

export const INDEX_HEADER_BYTES = 40;
const SLOT_BYTES = 4;
const ENTRY_BYTES = 20;
const INT32_MAX = 0x7fffffff;

export interface IndexFileShape {
  readonly hashSlotNum: number;
  readonly indexNum: number;
}

export class IndexFile {
  beginTimestampMs = 0;
  endTimestampMs = 0;
  beginPhyOffset = 0;
  endPhyOffset = 0;
  private hashSlotCount = 0;
  private indexCount = 1;
  private readonly fd: number;
  private readonly scratch = Buffer.alloc(ENTRY_BYTES);
  private readonly headerBytes = Buffer.alloc(INDEX_HEADER_BYTES);

  private constructor(
    readonly path: string,
    private readonly shape: IndexFileShape,
    fd: number,
  ) {
    this.fd = fd;
  }

  static fileBytes(shape: IndexFileShape): number {
    return INDEX_HEADER_BYTES + shape.hashSlotNum * SLOT_BYTES + shape.indexNum * ENTRY_BYTES;
  }

  /** A new file whose range starts where the previous file ended (0 for the first). */
  static create(path: string, shape: IndexFileShape, previousEndPhyOffset: number, previousEndTimestampMs: number): IndexFile {
    const fd = openSync(path, 'w+');
    ftruncateSync(fd, IndexFile.fileBytes(shape));
    const file = new IndexFile(path, shape, fd);
    file.beginPhyOffset = file.endPhyOffset = previousEndPhyOffset;
    file.beginTimestampMs = file.endTimestampMs = previousEndTimestampMs;
    return file;
  }

  static open(path: string, shape: IndexFileShape): IndexFile {
    const fd = openSync(path, 'r+');
    ftruncateSync(fd, IndexFile.fileBytes(shape));
    const file = new IndexFile(path, shape, fd);
    readSync(fd, file.headerBytes, 0, INDEX_HEADER_BYTES, 0);
    file.beginTimestampMs = readInt64(file.headerBytes, 0);
    file.endTimestampMs = readInt64(file.headerBytes, 8);
    file.beginPhyOffset = readInt64(file.headerBytes, 16);
    file.endPhyOffset = readInt64(file.headerBytes, 24);
    file.hashSlotCount = file.headerBytes.readInt32BE(32);
    file.indexCount = Math.max(1, file.headerBytes.readInt32BE(36));
    return file;
  }

  isFull(): boolean {
    return this.indexCount >= this.shape.indexNum;
  }

  /** Entries written (indexCount − 1). */
  entryCount(): number {
    return this.indexCount - 1;
  }

  /** Files `keyHash` → `phyOffset`; false when the file is full (the caller rolls to a new one). */
  putKey(keyHash: number, phyOffset: number, storeTimestampMs: number): boolean {
    if (this.isFull()) return false;
    const slotPosition = INDEX_HEADER_BYTES + (keyHash % this.shape.hashSlotNum) * SLOT_BYTES;
    readSync(this.fd, this.scratch, 0, SLOT_BYTES, slotPosition);
    let chainHead = this.scratch.readInt32BE(0);
    if (chainHead <= 0 || chainHead >= this.indexCount) chainHead = 0;
    if (this.indexCount === 1) {
      this.beginPhyOffset = phyOffset;
      this.beginTimestampMs = storeTimestampMs;
    }
    const timeDiffSeconds = Math.min(INT32_MAX, Math.max(0, Math.floor((storeTimestampMs - this.beginTimestampMs) / 1000)));
    this.scratch.writeInt32BE(keyHash, 0);
    writeInt64(this.scratch, phyOffset, 4);
    this.scratch.writeInt32BE(timeDiffSeconds, 12);
    this.scratch.writeInt32BE(chainHead, 16);
    writeSync(this.fd, this.scratch, 0, ENTRY_BYTES, this.entryPosition(this.indexCount));
    this.scratch.writeInt32BE(this.indexCount, 0);
    writeSync(this.fd, this.scratch, 0, SLOT_BYTES, slotPosition);
    if (chainHead === 0) this.hashSlotCount++;
    this.indexCount++;
    this.endPhyOffset = phyOffset;
    this.endTimestampMs = storeTimestampMs;
    return true;
  }

  /**
   * Appends to `found` the offsets filed under `keyHash` and stored within the query's time range,
   * newest first, until `found` holds `maxNum`. Hashes collide: callers re-check the real key.
   */
  selectPhyOffsets(found: number[], keyHash: number, query: Omit<QueryMessageRequest, 'topic' | 'key'>): void {
    const { maxNum, beginTimestampMs: beginMs, endTimestampMs: endMs } = query;
    readSync(this.fd, this.scratch, 0, SLOT_BYTES, INDEX_HEADER_BYTES + (keyHash % this.shape.hashSlotNum) * SLOT_BYTES);
    let next = this.scratch.readInt32BE(0);
    while (next > 0 && next < this.indexCount && found.length < maxNum) {
      readSync(this.fd, this.scratch, 0, ENTRY_BYTES, this.entryPosition(next));
      const timeDiffSeconds = this.scratch.readInt32BE(12);
      if (timeDiffSeconds < 0) return;
      const storedAtMs = this.beginTimestampMs + timeDiffSeconds * 1000;
      if (this.scratch.readInt32BE(0) === keyHash && storedAtMs >= beginMs && storedAtMs <= endMs) found.push(readInt64(this.scratch, 4));
      const previous = this.scratch.readInt32BE(16);
      // A pointer forward or to itself is damage; an entry older than the range ends the chain.
      if (previous <= 0 || previous >= next || storedAtMs < beginMs) return;
      next = previous;
    }
  }

  /** Writes the header and fsyncs: after this the file is trusted on any restart. */
  async flush(): Promise<void> {
    writeInt64(this.headerBytes, this.beginTimestampMs, 0);
    writeInt64(this.headerBytes, this.endTimestampMs, 8);
    writeInt64(this.headerBytes, this.beginPhyOffset, 16);
    writeInt64(this.headerBytes, this.endPhyOffset, 24);
    this.headerBytes.writeInt32BE(this.hashSlotCount, 32);
    this.headerBytes.writeInt32BE(this.indexCount, 36);
    writeSync(this.fd, this.headerBytes, 0, INDEX_HEADER_BYTES, 0);
    await new Promise<void>((resolve, reject) => fdatasync(this.fd, (error) => (error ? reject(error) : resolve())));
  }

  close(): void {
    closeSync(this.fd);
  }

  destroy(): void {
    this.close();
    rmSync(this.path, { force: true });
  }

  private entryPosition(index: number): number {
    return INDEX_HEADER_BYTES + this.shape.hashSlotNum * SLOT_BYTES + index * ENTRY_BYTES;
  }
}
