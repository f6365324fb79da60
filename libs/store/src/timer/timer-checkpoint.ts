/**
 * The timer store's checkpoint (`config/timercheck`): how far the timer log is durable and
 * enqueued, and how far delivery got.
 *
 * Two 4 KiB pages (of which the first 64 bytes are written) used in turn, each a complete copy with a
 * sequence number and a crc32:
 *   magic 4 | crc32 of [8, 64) 4 | seq 8 | precisionMs 8 | logFlushedPos 8 | stagingQueueOffset 8 |
 *   readTimeMs 8 | deliveredInSlot 8
 * A write that is torn (power loss mid-write) spoils only the page being written; loading takes
 * the valid page with the higher sequence, so the previous copy survives.
 *
 * `write(state, false)` (and `writeSync`) is a plain pwrite: a killed process loses nothing the kernel already has, so
 * delivery progress written after every delivered message survives SIGKILL at the cost of a few
 * µs. `write(state, true)` adds fdatasync, for the flush points that power loss must also respect.
 */
import { closeSync, existsSync, fdatasync, fdatasyncSync, openSync, readSync, writeSync } from 'node:fs';

import { crc32, readInt64, writeInt64 } from '@rocketmq-ts/base';

const PAGE_BYTES = 4096;
const FIELDS_END = 64;
const CHECKPOINT_MAGIC = 0x7e11_c4e0 | 0;

export interface TimerCheckpointState {
  /** Delivery precision the log and wheel were written with (slot times are multiples of it). */
  readonly precisionMs: number;
  /** Timer-log bytes known durable, with the wheel file covering every record before them. */
  readonly logFlushedPos: number;
  /** Next rmq_sys_wheel_timer queue offset to enqueue; every earlier one is logged or delivered. */
  readonly stagingQueueOffset: number;
  /** Next slot to deliver: every earlier slot is delivered. */
  readonly readTimeMs: number;
  /** Records of the slot at readTimeMs already delivered, in chain order. */
  readonly deliveredInSlot: number;
}

export class TimerCheckpoint {
  private seq = 0;
  private readonly page = Buffer.alloc(PAGE_BYTES);

  private constructor(private readonly fd: number) {}

  /** Opens (or creates) the file; `state` is undefined when no valid page exists (first start). */
  static open(path: string): { checkpoint: TimerCheckpoint; state: TimerCheckpointState | undefined } {
    const checkpoint = new TimerCheckpoint(openSync(path, existsSync(path) ? 'r+' : 'w+'));
    let best: { seq: number; state: TimerCheckpointState } | undefined;
    for (const pageIndex of [0, 1]) {
      const read = checkpoint.readPage(pageIndex);
      if (read !== undefined && (best === undefined || read.seq > best.seq)) best = read;
    }
    checkpoint.seq = best?.seq ?? 0;
    return { checkpoint, state: best?.state };
  }

  /** Writes `state` over the older page; with `sync`, waits for fdatasync. */
  async write(state: TimerCheckpointState, sync: boolean): Promise<void> {
    this.writeSync(state);
    if (sync) await new Promise<void>((resolve, reject) => fdatasync(this.fd, (error) => (error ? reject(error) : resolve())));
  }

  /** The pwrite alone (no fdatasync): durable against a killed process, not against power loss. */
  writeSync(state: TimerCheckpointState): void {
    this.seq += 1;
    const page = this.page;
    page.fill(0);
    page.writeInt32BE(CHECKPOINT_MAGIC, 0);
    writeInt64(page, this.seq, 8);
    writeInt64(page, state.precisionMs, 16);
    writeInt64(page, state.logFlushedPos, 24);
    writeInt64(page, state.stagingQueueOffset, 32);
    writeInt64(page, state.readTimeMs, 40);
    writeInt64(page, state.deliveredInSlot, 48);
    page.writeUInt32BE(crc32(page, 8, FIELDS_END), 4);
    // Only the 64 meaningful bytes: one sector, so not torn on sector-atomic disks, and a small
    // pwrite, since delivery writes progress after every message. The rest of a page stays zero.
    writeSync(this.fd, page, 0, FIELDS_END, (this.seq % 2) * PAGE_BYTES);
  }

  /** pwrite and fdatasync without awaiting (recovery, before anything else runs). */
  writeDurableSync(state: TimerCheckpointState): void {
    this.writeSync(state);
    fdatasyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }

  private readPage(pageIndex: number): { seq: number; state: TimerCheckpointState } | undefined {
    const page = Buffer.alloc(PAGE_BYTES);
    if (readSync(this.fd, page, 0, PAGE_BYTES, pageIndex * PAGE_BYTES) < FIELDS_END) return undefined;
    if (page.readInt32BE(0) !== CHECKPOINT_MAGIC || page.readUInt32BE(4) !== crc32(page, 8, FIELDS_END)) return undefined;
    return {
      seq: readInt64(page, 8),
      state: {
        precisionMs: readInt64(page, 16),
        logFlushedPos: readInt64(page, 24),
        stagingQueueOffset: readInt64(page, 32),
        readTimeMs: readInt64(page, 40),
        deliveredInSlot: readInt64(page, 48),
      },
    };
  }
}
