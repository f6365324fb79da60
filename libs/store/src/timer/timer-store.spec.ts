/**
 * The timer store on real files in a temp dir: slot order, the due/occupied rules, and recovery
 * as a killed process leaves it (nothing closed or flushed), after a torn timer-log tail, a torn
 * checkpoint page, a lost wheel file, and the deletion of delivered segments.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { TIMER_LOG_RECORD_BYTES } from './timer-log-record';
import { type TimerEntry, TimerStore, type TimerStoreOptions, timerStorePaths } from './timer-store';

const PRECISION = 1_000;
const T0 = 1_700_000_000_000;
let dir: string;
let options: TimerStoreOptions;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'timer-store-'));
  options = {
    ...timerStorePaths(dir, join(dir, 'config')),
    precisionMs: PRECISION,
    slotCount: 64,
    logSegmentBytes: TIMER_LOG_RECORD_BYTES * 10,
  };
  mkdirConfig();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function mkdirConfig(): void {
  rmSync(join(dir, 'config'), { recursive: true, force: true });
  // TimerCheckpoint.open expects its directory, as the broker's config dir exists before it.
  mkdirSync(join(dir, 'config'), { recursive: true });
}

function open(nowMs = T0, overrides: Partial<TimerStoreOptions> = {}): TimerStore {
  const outcome = TimerStore.open({ ...options, ...overrides }, nowMs);
  if (outcome.kind !== 'opened') throw new Error(`expected opened, got ${outcome.kind}`);
  return outcome.store;
}

function entry(stagingQueueOffset: number, deliverAtMs: number): TimerEntry {
  return { deliverAtMs, commitLogOffset: stagingQueueOffset * 100, size: 100, stagingQueueOffset };
}

function offsetsOf(store: TimerStore, slotTimeMs: number): number[] {
  return store.slotRecords(slotTimeMs).map((record) => record.stagingQueueOffset);
}

/** Delivers every due slot the way the service does, returning staging offsets in delivery order. */
function deliverDue(store: TimerStore, nowMs: number): number[] {
  const delivered: number[] = [];
  for (let slot = store.dueSlot(nowMs); slot !== undefined; slot = store.dueSlot(nowMs)) {
    const records = store.slotRecords(slot);
    for (let index = store.deliveredInSlot; index < records.length; index++) {
      delivered.push((records[index] as { stagingQueueOffset: number }).stagingQueueOffset);
      store.markDelivered(index + 1);
    }
    store.finishSlot();
  }
  return delivered;
}

describe('Store > TimerStore', () => {
  it('keeps each slot in logging order and releases slots only once their second has passed', async () => {
    const store = open();
    const times = [T0 + 3_000, T0 + 1_500, T0 + 3_999, T0 + 1_000, T0 + 3_000];
    times.forEach((time, offset) => expect(store.enqueue(entry(offset, time))).toMatchObject({ kind: 'logged' }));
    expect(offsetsOf(store, T0 + 3_000)).toEqual([0, 2, 4]);
    expect(offsetsOf(store, T0 + 1_000)).toEqual([1, 3]);
    expect(store.stagingQueueOffset).toBe(5);
    expect(store.backlog()).toBe(5);

    expect(deliverDue(store, T0 + 1_999)).toEqual([]);
    expect(deliverDue(store, T0 + 2_000)).toEqual([1, 3]);
    expect(deliverDue(store, T0 + 3_999)).toEqual([]);
    expect(deliverDue(store, T0 + 4_000)).toEqual([0, 2, 4]);
    expect(store.readTimeMs).toBe(T0 + 4_000);
    await store.close();
  });

  it('reads a slot that grew after it was read: the new records follow the ones read before', async () => {
    const store = open();
    for (let offset = 0; offset < 3; offset++) store.enqueue(entry(offset, T0 + 2_000));
    expect(offsetsOf(store, T0 + 2_000)).toEqual([0, 1, 2]);
    store.enqueue(entry(3, T0 + 5_000));
    for (let offset = 4; offset < 6; offset++) store.enqueue(entry(offset, T0 + 2_000));
    expect(offsetsOf(store, T0 + 2_000)).toEqual([0, 1, 2, 4, 5]);
    expect(offsetsOf(store, T0 + 5_000)).toEqual([3]);
    expect(offsetsOf(store, T0 + 2_000)).toEqual([0, 1, 2, 4, 5]);
    await store.close();
  });

  it('answers due for a slot already delivered and occupied when the ring still holds a live time', async () => {
    const store = open();
    deliverDue(store, T0 + 5_000);
    expect(store.enqueue(entry(0, T0 + 2_000))).toEqual({ kind: 'due' });
    expect(store.stagingQueueOffset).toBe(0);
    store.markStagedHandled(0);
    expect(store.stagingQueueOffset).toBe(1);
    expect(store.enqueue(entry(1, T0 + 6_000))).toMatchObject({ kind: 'logged' });
    // 64 slots later the same ring slot comes round while T0+6 s is still waiting.
    expect(store.enqueue(entry(2, T0 + 6_000 + 64 * PRECISION))).toEqual({ kind: 'wheel-full', slotTimeMs: T0 + 70_000 });
    expect(store.stagingQueueOffset).toBe(2);
    await store.close();
  });

  it('recovers everything a killed process had logged and delivered, without a flush or close', async () => {
    const first = open();
    for (let offset = 0; offset < 25; offset++) first.enqueue(entry(offset, T0 + 1_000 + (offset % 5) * PRECISION));
    await first.flush();
    for (let offset = 25; offset < 30; offset++) first.enqueue(entry(offset, T0 + 1_000));
    const deliveredBefore = deliverDue(first, T0 + 2_000);
    expect(deliveredBefore).toEqual([0, 5, 10, 15, 20, 25, 26, 27, 28, 29]);
    // Mid-slot: two of the next slot's records delivered, then the process dies.
    const next = first.slotRecords(T0 + 2_000);
    first.markDelivered(2);
    expect(next.slice(0, 2).map((record) => record.stagingQueueOffset)).toEqual([1, 6]);

    const second = open(T0 + 60_000);
    expect(second.stagingQueueOffset).toBe(30);
    expect(second.readTimeMs).toBe(T0 + 2_000);
    expect(second.deliveredInSlot).toBe(2);
    expect(deliverDue(second, T0 + 6_000)).toEqual([11, 16, 21, 2, 7, 12, 17, 22, 3, 8, 13, 18, 23, 4, 9, 14, 19, 24]);
    await second.close();
  });

  it('erases a torn timer-log tail and re-reads the staging queue from the last whole record', async () => {
    const first = open();
    for (let offset = 0; offset < 7; offset++) first.enqueue(entry(offset, T0 + 5_000));
    await first.flush();
    for (let offset = 7; offset < 9; offset++) first.enqueue(entry(offset, T0 + 5_000));
    // The second segment holds records 10..; record 8 is the last of segment 0 (10 per segment).
    const segment = join(options.timerLogDir, '00000000000000000000');
    const fd = openSync(segment, 'r+');
    writeSync(fd, Buffer.from('torn!'), 0, 5, 8 * TIMER_LOG_RECORD_BYTES + 20);
    // Stale bytes further on must not read as records after new appends reach them.
    writeSync(fd, Buffer.alloc(TIMER_LOG_RECORD_BYTES, 7), 0, TIMER_LOG_RECORD_BYTES, 9 * TIMER_LOG_RECORD_BYTES);
    closeSync(fd);

    const outcome = TimerStore.open(options, T0);
    expect(outcome.kind).toBe('opened');
    if (outcome.kind !== 'opened') return;
    const second = outcome.store;
    expect(outcome.recovery.erasedBytes).toBe(2 * TIMER_LOG_RECORD_BYTES);
    expect(second.stagingQueueOffset).toBe(8);
    expect(second.logEndPos).toBe(8 * TIMER_LOG_RECORD_BYTES);
    expect(second.enqueue(entry(8, T0 + 5_000))).toMatchObject({ kind: 'logged' });
    expect(offsetsOf(second, T0 + 5_000)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    await second.close();

    const third = open();
    expect(offsetsOf(third, T0 + 5_000)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    await third.close();
  });

  it('falls back to the other checkpoint page when the newest one is torn', async () => {
    const first = open();
    first.enqueue(entry(0, T0 + 1_000));
    first.enqueue(entry(1, T0 + 2_000));
    await first.flush();
    deliverDue(first, T0 + 2_000);
    await first.close();
    const checkpointPath = options.checkpointPath;
    // Two pages, each written as its 64 meaningful bytes.
    expect(statSync(checkpointPath).size).toBe(4096 + 64);
    const pages = readFileSync(checkpointPath);
    const seqOf = (page: number) => Number(pages.readBigInt64BE(page * 4096 + 8));
    const readTimeOf = (page: number) => Number(pages.readBigInt64BE(page * 4096 + 40));
    const newer = seqOf(0) > seqOf(1) ? 0 : 1;
    const older = 1 - newer;
    expect(readTimeOf(newer)).toBe(T0 + 2_000);
    const fd = openSync(checkpointPath, 'r+');
    writeSync(fd, Buffer.from('xx'), 0, 2, newer * 4096 + 40);
    closeSync(fd);
    const afterTear = open();
    expect(afterTear.stagingQueueOffset).toBe(2);
    expect(afterTear.readTimeMs).toBe(readTimeOf(older));
    await afterTear.close();
  });

  it('rebuilds a lost wheel file from the timer log, skipping slots already delivered', async () => {
    const first = open();
    for (let offset = 0; offset < 6; offset++) first.enqueue(entry(offset, T0 + 1_000 + offset * PRECISION));
    deliverDue(first, T0 + 3_000);
    await first.close();
    unlinkSync(options.timerWheelPath);

    const outcome = TimerStore.open(options, T0);
    expect(outcome).toMatchObject({ kind: 'opened', recovery: { rebuiltWheel: true, replayedRecords: 6 } });
    if (outcome.kind !== 'opened') return;
    expect(outcome.store.backlog()).toBe(4);
    expect(deliverDue(outcome.store, T0 + 10_000)).toEqual([2, 3, 4, 5]);
    await outcome.store.close();
  });

  it('deletes timer-log segments once every slot they hold is delivered', async () => {
    const store = open();
    for (let offset = 0; offset < 25; offset++) store.enqueue(entry(offset, T0 + 1_000 + Math.floor(offset / 10) * PRECISION));
    expect(readdirSync(options.timerLogDir)).toHaveLength(3);
    deliverDue(store, T0 + 2_000);
    expect(store.deleteDeliveredSegments()).toBe(1);
    deliverDue(store, T0 + 4_000);
    expect(store.deleteDeliveredSegments()).toBe(1);
    expect(readdirSync(options.timerLogDir)).toEqual(['00000000000000000960']);
    await store.close();
    const reopened = open();
    expect(reopened.backlog()).toBe(0);
    expect(reopened.stagingQueueOffset).toBe(25);
    await reopened.close();
  });

  it('refuses to open a store written with another precision', async () => {
    const first = open();
    await first.close();
    expect(TimerStore.open({ ...options, precisionMs: 500 }, T0)).toEqual({ kind: 'precision-changed', storedPrecisionMs: PRECISION });
  });
});
