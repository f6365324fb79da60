/**
 * The checkpoint file (docs/store-and-ha.md#recovery): the store times up to which each derived structure is
 * known to be on disk. Recovery after a crash uses it to pick where to start scanning.
 *
 *   pos  size  field
 *     0  8     physicMsgTimestamp    store time of the last flushed commit-log record
 *     8  8     logicsMsgTimestamp    store time of the last consume-queue entry flushed
 *    16  8     indexMsgTimestamp     store time covered by the last full index file flushed
 *    24  8     masterFlushedOffset   kept 0 (slave-acting-master support)
 *    32  8     confirmPhyOffset      kept 0 (Controller mode)
 *  ...   4096  zero padding: one page
 *
 * Big-endian longs, as RocketMQ's mmap'd file. `flush` rewrites the whole page in place and
 * fdatasyncs it. A single page-aligned 4 KiB pwrite whose meaningful bytes sit in the first
 * 512-byte sector is not torn on disks with sector-atomic writes; if it ever were, the worst
 * case is an older or zero timestamp, which makes recovery start earlier, never later.
 */
import { closeSync, existsSync, fdatasyncSync, openSync, readSync, writeSync } from 'node:fs';

import { readSafeInt64, writeInt64 } from '@rocketmq-ts/base';

export const CHECKPOINT_FILE_BYTES = 4096;

export class StoreCheckpoint {
  physicMsgTimestamp = 0;
  logicsMsgTimestamp = 0;
  indexMsgTimestamp = 0;
  masterFlushedOffset = 0;
  confirmPhyOffset = 0;

  private readonly fd: number;
  private readonly page = Buffer.alloc(CHECKPOINT_FILE_BYTES);

  private constructor(
    readonly path: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Opens (or creates) the checkpoint file and reads its fields; a new or short file reads as zeros. */
  static open(path: string): StoreCheckpoint {
    const checkpoint = new StoreCheckpoint(path, openSync(path, existsSync(path) ? 'r+' : 'w+'));
    const bytesRead = readSync(checkpoint.fd, checkpoint.page, 0, CHECKPOINT_FILE_BYTES, 0);
    checkpoint.page.fill(0, bytesRead);
    checkpoint.physicMsgTimestamp = readLong(checkpoint.page, 0);
    checkpoint.logicsMsgTimestamp = readLong(checkpoint.page, 8);
    checkpoint.indexMsgTimestamp = readLong(checkpoint.page, 16);
    checkpoint.masterFlushedOffset = readLong(checkpoint.page, 24);
    checkpoint.confirmPhyOffset = readLong(checkpoint.page, 32);
    return checkpoint;
  }

  /** RocketMQ's getMinTimestamp: min(physic, logics) − 3 s, floored at 0. */
  minTimestampMs(): number {
    return Math.max(0, Math.min(this.physicMsgTimestamp, this.logicsMsgTimestamp) - 3000);
  }

  /** RocketMQ's getMinTimestampIndex: also bounded by what the index has flushed. */
  minTimestampIndexMs(): number {
    return Math.min(this.minTimestampMs(), this.indexMsgTimestamp);
  }

  /** Writes all fields and fdatasyncs. Synchronous: one small page, written rarely (flush passes, shutdown). */
  flush(): void {
    writeInt64(this.page, this.physicMsgTimestamp, 0);
    writeInt64(this.page, this.logicsMsgTimestamp, 8);
    writeInt64(this.page, this.indexMsgTimestamp, 16);
    writeInt64(this.page, this.masterFlushedOffset, 24);
    writeInt64(this.page, this.confirmPhyOffset, 32);
    writeSync(this.fd, this.page, 0, CHECKPOINT_FILE_BYTES, 0);
    fdatasyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** A damaged or negative field reads as 0: recovery then starts earlier, never later. */
function readLong(page: Buffer, position: number): number {
  const value = readSafeInt64(page, position);
  return value !== undefined && value >= 0 ? value : 0;
}
