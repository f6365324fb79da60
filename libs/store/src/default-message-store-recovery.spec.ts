/**
 * Proves recovery end to end (docs/store-and-ha.md#recovery) on real files: a store stopped without a clean
 * shutdown (`halt` leaves the abort file and unflushed index headers, as a killed process does),
 * whose commit-log tail is then damaged, reopens with consume queues, index and queue offsets
 * cut back to exactly the records before the damage; and lost consume queues are rebuilt.
 */
import { openSync, closeSync, existsSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

import { decodeMessageRecord } from '@rocketmq-ts/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { DefaultMessageStore } from './default-message-store';
import { dispatched, message, SEGMENT_BYTES, storeHarness, type StoreHarness } from './testing/default-message-store-fixtures';
import { offsetToFileName } from './consume-queue/segment-files';

const COUNT = 30;
let harness: StoreHarness;
let store: DefaultMessageStore;

/** Appends COUNT messages over two queues (several segments); returns each commit-log offset. */
async function fill(): Promise<number[]> {
  const offsets: number[] = [];
  for (let i = 0; i < COUNT; i++) {
    const put = await store.putMessage(
      message({ queueId: i % 2, body: `${i}:${'p'.repeat(700)}`, keys: `key-${i}`, uniqKey: `UNIQ-${i}` }),
    );
    offsets.push(put.appendResult?.wroteOffset ?? -1);
  }
  await dispatched(store);
  return offsets;
}

/** The message numbers a consumer of `queueId` reads from offset 0 to the end. */
async function consumeAll(queueId: number): Promise<number[]> {
  const seen: number[] = [];
  for (let offset = 0; ;) {
    const result = await store.getMessage({
      group: 'G',
      topic: 'TopicTest',
      queueId,
      offset,
      maxMsgNums: 32,
      maxMsgBytes: 0,
      filter: undefined,
    });
    if (result.status !== 'FOUND') return seen;
    seen.push(...result.messages.map((record) => Number(decodeMessageRecord(record).body.toString().split(':')[0])));
    offset = result.nextBeginOffset;
  }
}

/** Zeroes the commit log from `offset` to the end of its segment: a torn, never-written tail. */
function tearCommitLogFrom(offset: number): void {
  const segmentStart = offset - (offset % SEGMENT_BYTES);
  const fd = openSync(join(harness.config.storePathCommitLog, offsetToFileName(segmentStart)), 'r+');
  writeSync(fd, Buffer.alloc(SEGMENT_BYTES - (offset - segmentStart)), 0, SEGMENT_BYTES - (offset - segmentStart), offset - segmentStart);
  closeSync(fd);
}

const range = (from: number, to: number, step = 1): number[] =>
  Array.from({ length: Math.ceil((to - from) / step) }, (_, i) => from + i * step);

beforeEach(async () => {
  harness = storeHarness();
  store = await harness.open();
});
afterEach(async () => {
  await store.shutdown();
  harness.remove();
});

describe('Store > DefaultMessageStore > recovery', () => {
  it('crash with a torn commit-log tail: everything before the damage is served, nothing after', async () => {
    const offsets = await fill();
    const damagedAt = offsets[25] as number;
    expect(damagedAt).toBeGreaterThan(SEGMENT_BYTES);
    await store.halt();
    expect(existsSync(harness.config.abortFile)).toBe(true);
    tearCommitLogFrom(damagedAt);

    store = await harness.open();
    expect(store.recoveredFromCrash()).toBe(true);
    expect(store.getMaxPhyOffset()).toBe(damagedAt);
    expect(store.getMaxOffsetInQueue('TopicTest', 0)).toBe(13);
    expect(store.getMaxOffsetInQueue('TopicTest', 1)).toBe(12);
    expect(await consumeAll(0)).toEqual(range(0, 25, 2));
    expect(await consumeAll(1)).toEqual(range(1, 25, 2));
    const queried = async (key: string): Promise<number> =>
      (await store.queryMessage({ topic: 'TopicTest', key, maxNum: 32, beginTimestampMs: 0, endTimestampMs: Number.MAX_SAFE_INTEGER }))
        .messages.length;
    expect([await queried('key-3'), await queried('UNIQ-24'), await queried('key-25'), await queried('UNIQ-29')]).toEqual([1, 1, 0, 0]);

    const next = await store.putMessage(message({ queueId: 1, keys: 'key-after' }));
    expect(next.appendResult?.logicsOffset).toBe(12);
    expect(next.appendResult?.wroteOffset).toBe(damagedAt);
    await dispatched(store);
    expect(await queried('key-after')).toBe(1);
  });

  it('crash without damage: nothing is lost and queue offsets continue', async () => {
    await fill();
    const maxPhyOffset = store.getMaxPhyOffset();
    await store.halt();

    store = await harness.open();
    expect(store.recoveredFromCrash()).toBe(true);
    expect(store.getMaxPhyOffset()).toBe(maxPhyOffset);
    expect(await consumeAll(0)).toEqual(range(0, COUNT, 2));
    expect(
      (
        await store.queryMessage({
          topic: 'TopicTest',
          key: 'key-29',
          maxNum: 32,
          beginTimestampMs: 0,
          endTimestampMs: Number.MAX_SAFE_INTEGER,
        })
      ).messages,
    ).toHaveLength(1);
    expect((await store.putMessage(message({ queueId: 0 }))).appendResult?.logicsOffset).toBe(15);
  });

  it('rebuilds deleted consume queues from the commit log on open', async () => {
    await fill();
    await store.shutdown();
    rmSync(harness.config.storePathConsumeQueue, { recursive: true, force: true });

    store = await harness.open();
    expect(store.recoveredFromCrash()).toBe(false);
    expect([store.getMaxOffsetInQueue('TopicTest', 0), store.getMaxOffsetInQueue('TopicTest', 1)]).toEqual([15, 15]);
    expect(await consumeAll(1)).toEqual(range(1, COUNT, 2));
  });
});
