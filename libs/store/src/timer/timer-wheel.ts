/**
 * The timer wheel: one slot per `precisionMs` of delivery time on a ring of `slotCount` slots,
 * each pointing at the first and last timer-log record of that time (records chain backwards
 * through prevPos). Memory is per slot, not per message: 28 bytes × slotCount, whatever the
 * number of waiting messages.
 *
 * File `timerwheel`: slotCount × 32 bytes, slot i at i × 32:
 *   slotTimeMs 8 | firstPos 8 | lastPos 8 | count 4 | crc32 of the first 28 bytes 4
 * An all-zero slot is empty. The file is written only by `flushDirty` (after the timer log was
 * made durable), so every position it holds points at a durable record; recovery replays the log
 * from the checkpoint to bring slots written since up to date.
 *
 * Invariant: a slot holding a time at or after the read time (not yet delivered) is never taken
 * over by another time; `prevPosFor` answers 'occupied' instead and enqueueing waits.
 */
import { closeSync, existsSync, fdatasync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';

import { at, crc32, readInt64, writeInt64 } from '@rocketmq-ts/base';

import { NO_POSITION } from './timer-log-record';

export const TIMER_WHEEL_SLOT_BYTES = 32;
const SLOT_FIELDS_BYTES = 28;
/** Slots read per step while loading. */
const LOAD_CHUNK_SLOTS = 4096;
/** What a slot index out of the wheel is called when `at` reports it (indexOf keeps it in range). */
const SLOTS = 'timer wheel slots';

export interface TimerSlot {
  readonly timeMs: number;
  readonly firstPos: number;
  readonly lastPos: number;
  readonly count: number;
}

export interface TimerWheelLoad {
  readonly wheel: TimerWheel;
  /** False when the file was missing, of another size, or held a torn slot: rebuild from the log. */
  readonly trustworthy: boolean;
}

export class TimerWheel {
  private readonly times: Float64Array;
  private readonly firsts: Float64Array;
  private readonly lasts: Float64Array;
  private readonly counts: Int32Array;
  private readonly dirtyFlags: Uint8Array;
  private dirtyList: number[] = [];
  private readonly slotBytes = Buffer.alloc(TIMER_WHEEL_SLOT_BYTES);

  private constructor(
    private readonly fd: number,
    readonly slotCount: number,
    readonly precisionMs: number,
  ) {
    this.times = new Float64Array(slotCount);
    this.firsts = new Float64Array(slotCount);
    this.lasts = new Float64Array(slotCount);
    this.counts = new Int32Array(slotCount);
    this.dirtyFlags = new Uint8Array(slotCount);
  }

  /** Opens (or creates) the wheel file and reads every slot into memory. */
  static load(path: string, slotCount: number, precisionMs: number): TimerWheelLoad {
    const existed = existsSync(path);
    const fd = openSync(path, existed ? 'r+' : 'w+');
    const wheel = new TimerWheel(fd, slotCount, precisionMs);
    const expectedBytes = slotCount * TIMER_WHEEL_SLOT_BYTES;
    const sizeMatches = fstatSync(fd).size === expectedBytes;
    if (!existed || !sizeMatches) {
      ftruncateSync(fd, 0);
      ftruncateSync(fd, expectedBytes);
      return { wheel, trustworthy: false };
    }
    return { wheel, trustworthy: wheel.readAll() };
  }

  /** Start of the slot holding `timeMs`. */
  slotTimeOf(timeMs: number): number {
    return Math.floor(timeMs / this.precisionMs) * this.precisionMs;
  }

  /** The slot of `slotTimeMs` when it holds records of that time. */
  slot(slotTimeMs: number): TimerSlot | undefined {
    const index = this.indexOf(slotTimeMs);
    if (this.times[index] !== slotTimeMs || at(this.counts, index, SLOTS) === 0) return undefined;
    return {
      timeMs: slotTimeMs,
      firstPos: at(this.firsts, index, SLOTS),
      lastPos: at(this.lasts, index, SLOTS),
      count: at(this.counts, index, SLOTS),
    };
  }

  /**
   * The prevPos a new record of `slotTimeMs` gets, or 'occupied' when its ring slot still holds an
   * undelivered time (the read time lags more than a ring behind).
   */
  prevPosFor(slotTimeMs: number, readTimeMs: number): number | 'occupied' {
    const index = this.indexOf(slotTimeMs);
    const held = at(this.times, index, SLOTS);
    if (held === slotTimeMs && at(this.counts, index, SLOTS) > 0) return at(this.lasts, index, SLOTS);
    if (at(this.counts, index, SLOTS) > 0 && held >= readTimeMs) return 'occupied';
    return NO_POSITION;
  }

  /** Records that the record at `pos` (whose prevPos came from `prevPosFor`) belongs to `slotTimeMs`. */
  attach(slotTimeMs: number, pos: number): void {
    const index = this.indexOf(slotTimeMs);
    if (this.times[index] !== slotTimeMs || at(this.counts, index, SLOTS) === 0) {
      this.times[index] = slotTimeMs;
      this.firsts[index] = pos;
      this.counts[index] = 0;
    }
    this.lasts[index] = pos;
    this.counts[index] = at(this.counts, index, SLOTS) + 1;
    this.markDirty(index);
  }

  /**
   * Recovery: applies a logged record unless the slot already includes it (the wheel file was
   * flushed after it was written). Records of a time already delivered are ignored.
   */
  replay(slotTimeMs: number, pos: number, readTimeMs: number): void {
    const index = this.indexOf(slotTimeMs);
    const holdsTime = this.times[index] === slotTimeMs && at(this.counts, index, SLOTS) > 0;
    if (holdsTime && pos <= at(this.lasts, index, SLOTS)) return;
    if (!holdsTime && slotTimeMs < readTimeMs) return;
    this.attach(slotTimeMs, pos);
  }

  /** Lowest log position an undelivered slot still needs, or undefined when none waits. */
  minLivePos(readTimeMs: number): number | undefined {
    let min: number | undefined;
    for (let index = 0; index < this.slotCount; index++) {
      if (at(this.counts, index, SLOTS) > 0 && at(this.times, index, SLOTS) >= readTimeMs) {
        const first = at(this.firsts, index, SLOTS);
        if (min === undefined || first < min) min = first;
      }
    }
    return min;
  }

  /** Messages waiting in slots at or after `readTimeMs`. */
  liveCount(readTimeMs: number): number {
    let total = 0;
    for (let index = 0; index < this.slotCount; index++) {
      if (at(this.times, index, SLOTS) >= readTimeMs) total += at(this.counts, index, SLOTS);
    }
    return total;
  }

  /** Empties every slot, in memory and on disk (before a rebuild from the log). */
  clear(): void {
    this.times.fill(0);
    this.firsts.fill(0);
    this.lasts.fill(0);
    this.counts.fill(0);
    this.dirtyFlags.fill(0);
    this.dirtyList = [];
    ftruncateSync(this.fd, 0);
    ftruncateSync(this.fd, this.slotCount * TIMER_WHEEL_SLOT_BYTES);
  }

  /** Writes changed slots and fdatasyncs the file. Call only after the timer log they point into is durable. */
  async flushDirty(): Promise<void> {
    if (this.dirtyList.length === 0) return;
    const dirty = this.dirtyList;
    this.dirtyList = [];
    for (const index of dirty) {
      this.dirtyFlags[index] = 0;
      this.encodeSlot(index);
      writeSync(this.fd, this.slotBytes, 0, TIMER_WHEEL_SLOT_BYTES, index * TIMER_WHEEL_SLOT_BYTES);
    }
    await new Promise<void>((resolve, reject) => fdatasync(this.fd, (error) => (error ? reject(error) : resolve())));
  }

  close(): void {
    closeSync(this.fd);
  }

  private indexOf(slotTimeMs: number): number {
    const tick = Math.floor(slotTimeMs / this.precisionMs);
    return ((tick % this.slotCount) + this.slotCount) % this.slotCount;
  }

  private markDirty(index: number): void {
    if (this.dirtyFlags[index] === 1) return;
    this.dirtyFlags[index] = 1;
    this.dirtyList.push(index);
  }

  private encodeSlot(index: number): void {
    const bytes = this.slotBytes;
    if (at(this.counts, index, SLOTS) === 0) {
      bytes.fill(0);
      return;
    }
    writeInt64(bytes, at(this.times, index, SLOTS), 0);
    writeInt64(bytes, at(this.firsts, index, SLOTS), 8);
    writeInt64(bytes, at(this.lasts, index, SLOTS), 16);
    bytes.writeInt32BE(at(this.counts, index, SLOTS), 24);
    bytes.writeUInt32BE(crc32(bytes, 0, SLOT_FIELDS_BYTES), SLOT_FIELDS_BYTES);
  }

  /** Reads every slot; false when one is torn (its crc does not match and it is not empty). */
  private readAll(): boolean {
    const chunk = Buffer.alloc(LOAD_CHUNK_SLOTS * TIMER_WHEEL_SLOT_BYTES);
    let intact = true;
    for (let base = 0; base < this.slotCount; base += LOAD_CHUNK_SLOTS) {
      const slots = Math.min(LOAD_CHUNK_SLOTS, this.slotCount - base);
      readSync(this.fd, chunk, 0, slots * TIMER_WHEEL_SLOT_BYTES, base * TIMER_WHEEL_SLOT_BYTES);
      for (let offset = 0; offset < slots; offset++) {
        const at = offset * TIMER_WHEEL_SLOT_BYTES;
        const count = chunk.readInt32BE(at + 24);
        const crc = chunk.readUInt32BE(at + SLOT_FIELDS_BYTES);
        if (count === 0 && crc === 0) continue;
        if (crc !== crc32(chunk, at, at + SLOT_FIELDS_BYTES) || count < 0) {
          intact = false;
          continue;
        }
        const index = base + offset;
        this.times[index] = readInt64(chunk, at);
        this.firsts[index] = readInt64(chunk, at + 8);
        this.lasts[index] = readInt64(chunk, at + 16);
        this.counts[index] = count;
      }
    }
    return intact;
  }
}
