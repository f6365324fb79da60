/**
 * Proves the index contract of docs/store-and-ha.md#index-file on real files with tiny tables (4 slots, 6 entries):
 * keys by UNIQ_KEY and each KEYS token, the time-range filter, chains through hash collisions,
 * rollover into new files, Java-compatible key hashes, and the crash rule for the newest file.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ManualClock, silentLogger } from '@rocketmq-ts/base';
import { javaStringHashCode, MessageSysFlag } from '@rocketmq-ts/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { MutableDispatchRequest } from '../dispatch/dispatch-record-reader';
import { IndexFile } from './index-file';
import { indexFileName, indexFileNameTimeMs } from './index-file-name';
import { indexKeyHash } from './index-key-hash';
import { IndexService } from './index-service';

const SHAPE = { hashSlotNum: 4, indexNum: 6 };
const T0 = 1_700_000_000_000;
let dir: string;
let clock: ManualClock;

function request(
  commitLogOffset: number,
  storeTimestamp: number,
  keys: string | undefined,
  uniqKey: string | undefined,
  sysFlag = 0,
): MutableDispatchRequest {
  return Object.assign(new MutableDispatchRequest(), { topic: 'T', commitLogOffset, storeTimestamp, keys, uniqKey, sysFlag, msgSize: 100 });
}

function openService(lastExitOk = true): { service: IndexService; rebuildFrom: number | undefined } {
  const service = new IndexService(dir, SHAPE, clock, silentLogger);
  return { service, rebuildFrom: service.load(lastExitOk) };
}

/** A 5-char key whose `topic#key` hashes to Integer.MIN_VALUE: solve the base-31 digits. */
function keyHashingToIntMin(topic: string): string {
  let target = (-0x80000000 - Math.imul(javaStringHashCode(`${topic}#`), 31 ** 5)) >>> 0;
  const chars: number[] = [];
  for (let power = 4; power >= 0; power--) {
    chars.push(Math.floor(target / 31 ** power));
    target %= 31 ** power;
  }
  return String.fromCharCode(...chars);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'index-'));
  clock = new ManualClock(T0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Store > IndexFile > key hash', () => {
  it('is abs(String.hashCode("topic#key")) with abs(INT_MIN) filed under 0', () => {
    expect(indexKeyHash('T', 'order-1')).toBe(Math.abs(javaStringHashCode('T#order-1')));
    expect(indexKeyHash('T', 'a b', 2, 3)).toBe(Math.abs(javaStringHashCode('T#b')));
    const intMinKey = keyHashingToIntMin('T');
    expect(javaStringHashCode(`T#${intMinKey}`)).toBe(-0x80000000);
    expect(indexKeyHash('T', intMinKey)).toBe(0);
  });

  it('names files by local creation time and reads the time back', () => {
    const name = indexFileName(T0 + 123);
    expect(name).toMatch(/^\d{17}$/);
    expect(indexFileNameTimeMs(name)).toBe(T0 + 123);
  });
});

describe('Store > IndexFile > insert and query', () => {
  it('finds messages by UNIQ_KEY and by each KEYS token, newest first', () => {
    const { service } = openService();
    service.buildIndex(request(0, T0, 'k1 k2', 'U1'));
    service.buildIndex(request(100, T0 + 5000, 'k2', 'U2'));
    expect(
      service.queryOffsets({ topic: 'T', key: 'U1', maxNum: 10, beginTimestampMs: 0, endTimestampMs: Number.MAX_SAFE_INTEGER }),
    ).toEqual([0]);
    expect(
      service.queryOffsets({ topic: 'T', key: 'k2', maxNum: 10, beginTimestampMs: 0, endTimestampMs: Number.MAX_SAFE_INTEGER }),
    ).toEqual([100, 0]);
    expect(
      service.queryOffsets({ topic: 'T', key: 'k2', maxNum: 1, beginTimestampMs: 0, endTimestampMs: Number.MAX_SAFE_INTEGER }),
    ).toEqual([100]);
    expect(
      service.queryOffsets({ topic: 'Other', key: 'k2', maxNum: 10, beginTimestampMs: 0, endTimestampMs: Number.MAX_SAFE_INTEGER }),
    ).toEqual([]);
  });

  it('keeps only entries inside the time range', () => {
    const { service } = openService();
    service.buildIndex(request(0, T0, 'k', undefined));
    service.buildIndex(request(100, T0 + 10_000, 'k', undefined));
    expect(service.queryOffsets({ topic: 'T', key: 'k', maxNum: 10, beginTimestampMs: T0 + 5000, endTimestampMs: T0 + 20_000 })).toEqual([
      100,
    ]);
    expect(service.queryOffsets({ topic: 'T', key: 'k', maxNum: 10, beginTimestampMs: T0, endTimestampMs: T0 + 1000 })).toEqual([0]);
  });

  it('follows a slot chain through keys whose hashes share a slot', () => {
    const { service } = openService();
    // With 4 slots, keys k0..k7 land two per slot on average: every key still finds only itself.
    for (let i = 0; i < 5; i++) service.buildIndex(request(i * 100, T0, `k${i}`, undefined));
    for (let i = 0; i < 5; i++)
      expect(
        service.queryOffsets({ topic: 'T', key: `k${i}`, maxNum: 10, beginTimestampMs: 0, endTimestampMs: Number.MAX_SAFE_INTEGER }),
      ).toEqual([i * 100]);
  });

  it('skips ROLLBACK messages and replays of offsets already indexed', () => {
    const { service } = openService();
    service.buildIndex(request(100, T0, 'k', undefined));
    service.buildIndex(request(0, T0, 'k', undefined));
    service.buildIndex(request(200, T0, 'k', undefined, MessageSysFlag.TRANSACTION_ROLLBACK_TYPE));
    expect(
      service.queryOffsets({ topic: 'T', key: 'k', maxNum: 10, beginTimestampMs: 0, endTimestampMs: Number.MAX_SAFE_INTEGER }),
    ).toEqual([100]);
  });

  it('rolls over to a new file when full and queries across files', async () => {
    const { service } = openService();
    for (let i = 0; i < 12; i++) service.buildIndex(request(i * 100, T0 + i * 1000, 'k', undefined));
    // 5 usable entries per file (indexCount starts at 1): 12 keys need 3 files.
    expect(service.fileCount()).toBe(3);
    expect(readdirSync(dir)).toHaveLength(3);
    expect(
      service.queryOffsets({ topic: 'T', key: 'k', maxNum: 64, beginTimestampMs: 0, endTimestampMs: Number.MAX_SAFE_INTEGER }),
    ).toEqual([1100, 1000, 900, 800, 700, 600, 500, 400, 300, 200, 100, 0]);
    expect(service.lastUpdate()).toEqual({ timestampMs: T0 + 11_000, phyOffset: 1100 });
    await service.close();
    const reopened = openService().service;
    expect(
      reopened.queryOffsets({ topic: 'T', key: 'k', maxNum: 3, beginTimestampMs: 0, endTimestampMs: Number.MAX_SAFE_INTEGER }),
    ).toEqual([1100, 1000, 900]);
  });

  it('after an unclean exit drops the newest file and says where to re-index from', async () => {
    const { service } = openService();
    for (let i = 0; i < 7; i++) service.buildIndex(request(i * 100, T0, 'k', undefined));
    await service.close();
    const { service: reopened, rebuildFrom } = openService(false);
    expect(rebuildFrom).toBe(400);
    expect(reopened.fileCount()).toBe(1);
    expect(
      reopened.queryOffsets({ topic: 'T', key: 'k', maxNum: 64, beginTimestampMs: 0, endTimestampMs: Number.MAX_SAFE_INTEGER }),
    ).toEqual([400, 300, 200, 100, 0]);
  });

  it('sizes files as header + slots × 4 + entries × 20', () => {
    expect(IndexFile.fileBytes({ hashSlotNum: 5_000_000, indexNum: 20_000_000 })).toBe(420_000_040);
  });
});
