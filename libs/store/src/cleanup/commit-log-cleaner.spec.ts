// Proves retention on real segments with a fake disk-usage probe and file times set by the spec:
// only an expired prefix goes (never the active segment), at the configured hour or when the
// disk is fuller than diskMaxUsedSpaceRatio; above the forcible ratio age no longer protects a
// segment; above the warning level puts are refused with a clear remark until use drops, and
// what is stored stays readable.
import { utimesSync } from 'node:fs';

import { ManualClock, silentLogger } from '@rocketmq-ts/base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { CommitLog } from '../commit-log/commit-log';
import {
  MemoryQueueOffsetAssigner,
  TEST_SEGMENT_BYTES,
  type TempStore,
  createTempStore,
  readAllRecords,
  testMessage,
} from '../testing/commit-log-fixtures';
import type { StoreConfig } from '../store-config';
import { CommitLogCleaner } from './commit-log-cleaner';
import { isTimeToDelete } from './delete-when';

const HOUR_MS = 3_600_000;

describe('Store > CommitLog > retention', () => {
  let store: TempStore;
  let commitLog: CommitLog;
  let usedPercent: number;
  const clock = new ManualClock(Date.now());
  const assigner = new MemoryQueueOffsetAssigner();
  const otherHour = String((new Date(clock.nowMs()).getHours() + 12) % 24).padStart(2, '0');

  beforeEach(async () => {
    store = createTempStore({ deleteWhen: otherHour, fileReservedTimeHours: 72 });
    commitLog = new CommitLog({ config: store.config, logger: silentLogger, clock });
    await commitLog.load();
    usedPercent = 50;
  });

  afterEach(async () => {
    await commitLog.shutdown();
    store.remove();
  });

  function cleaner(overrides: Partial<StoreConfig> = {}): CommitLogCleaner {
    return new CommitLogCleaner({
      commitLog,
      config: { ...store.config, ...overrides },
      logger: silentLogger,
      clock,
      diskUsedPercent: async () => usedPercent,
    });
  }

  /** Fills `segments` segments; the first `expired` of them get a modification time 73 h ago. */
  async function fill(segments: number, expired: number): Promise<void> {
    while (commitLog.queue.mappedFiles().length < segments) await commitLog.append(testMessage({ body: Buffer.alloc(1000) }), assigner);
    const oldSeconds = (clock.nowMs() - 73 * HOUR_MS) / 1000;
    for (const file of commitLog.queue.mappedFiles().slice(0, expired)) utimesSync(file.path, oldSeconds, oldSeconds);
  }

  it('deletes nothing outside deleteWhen while the disk is not full', async () => {
    await fill(4, 2);
    expect((await cleaner().runOnce()).deletedSegments).toEqual([]);
    expect(commitLog.queue.mappedFiles()).toHaveLength(4);
  });

  it('at the deleteWhen hour deletes the expired prefix only, and reads below it find nothing', async () => {
    await fill(4, 2);
    const currentHour = String(new Date(clock.nowMs()).getHours()).padStart(2, '0');
    const result = await cleaner({ deleteWhen: `${otherHour};${currentHour}` }).runOnce();
    expect(result.deletedSegments).toEqual([0, TEST_SEGMENT_BYTES]);
    expect(commitLog.minOffset()).toBe(2 * TEST_SEGMENT_BYTES);
    expect(await commitLog.read(0, 8)).toBeUndefined();
  });

  it('above diskMaxUsedSpaceRatio deletes expired segments at any hour', async () => {
    await fill(3, 1);
    usedPercent = 80;
    expect((await cleaner().runOnce()).deletedSegments).toEqual([0]);
  });

  it('above diskSpaceCleanForciblyRatio deletes unexpired segments too, but never the active one', async () => {
    await fill(4, 0);
    usedPercent = 86;
    const result = await cleaner().runOnce();
    expect(result.deletedSegments).toEqual([0, TEST_SEGMENT_BYTES, 2 * TEST_SEGMENT_BYTES]);
    expect(commitLog.queue.mappedFiles()).toHaveLength(1);
    expect((await cleaner().runOnce()).deletedSegments).toEqual([]);
  });

  it('keeps the active segment even when every segment is expired', async () => {
    await fill(2, 2);
    usedPercent = 80;
    expect((await cleaner().runOnce()).deletedSegments).toEqual([0]);
    expect(commitLog.queue.mappedFiles()).toHaveLength(1);
  });

  it('above the warning level refuses puts with a clear remark, keeps what is stored, and recovers below it', async () => {
    for (let index = 0; index < 5; index++) await commitLog.append(testMessage(), assigner);
    const sizeBefore = commitLog.maxOffset();
    usedPercent = 95;
    expect((await cleaner().runOnce()).diskFull).toBe(true);

    const refused = await commitLog.append(testMessage(), assigner);
    expect(refused.status).toBe('SERVICE_NOT_AVAILABLE');
    expect(refused.remark).toBe('disk full: used 95% > warning level 90%');
    expect(commitLog.maxOffset()).toBe(sizeBefore);
    expect(await readAllRecords(commitLog)).toHaveLength(5);

    usedPercent = 70;
    expect((await cleaner().runOnce()).diskFull).toBe(false);
    expect((await commitLog.append(testMessage(), assigner)).status).toBe('PUT_OK');
  });

  it('does not lift a refusal it did not set', async () => {
    commitLog.markNotWritable('commit-log write failed at offset 0');
    await cleaner().runOnce();
    expect(commitLog.notWritableReason()).toBe('commit-log write failed at offset 0');
  });

  it('reads deleteWhen as a ;-separated list of local hours', () => {
    const fourAm = new Date(2026, 0, 1, 4, 30).getTime();
    expect(isTimeToDelete('04', fourAm)).toBe(true);
    expect(isTimeToDelete('01;04', fourAm)).toBe(true);
    expect(isTimeToDelete('05', fourAm)).toBe(false);
  });
});
