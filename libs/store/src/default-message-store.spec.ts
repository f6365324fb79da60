/**
 * Proves DefaultMessageStore end to end on real files with small segments: a put becomes
 * pullable after dispatch, long-poll listeners hear about it, lookups by time, offset and key
 * work, writes are refused when they must be, and a clean restart gives back the same queues.
 */
import { ManualClock } from '@rocketmq-ts/base';
import { decodeMessageRecord, MessageSysFlag } from '@rocketmq-ts/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { DefaultMessageStore } from './default-message-store';
import { dispatched, message, SEGMENT_BYTES, storeHarness, type StoreHarness } from './testing/default-message-store-fixtures';
import type { GetMessageRequest } from './message-store';

let harness: StoreHarness;
let store: DefaultMessageStore;

function pull(offset: number, more: Partial<GetMessageRequest> = {}): GetMessageRequest {
  return { group: 'G', topic: 'TopicTest', queueId: 0, offset, maxMsgNums: 32, maxMsgBytes: 0, filter: undefined, ...more };
}

function bodies(records: readonly Buffer[]): string[] {
  return records.map((record) => decodeMessageRecord(record).body.toString());
}

beforeEach(async () => {
  harness = storeHarness();
  store = await harness.open();
});
afterEach(async () => {
  await store.shutdown();
  harness.remove();
});

describe('Store > DefaultMessageStore > put and pull', () => {
  it('serves a put message to a pull once dispatched', async () => {
    const put = await store.putMessage(message({ body: 'first' }));
    expect(put.status).toBe('PUT_OK');
    expect(put.appendResult?.logicsOffset).toBe(0);
    await dispatched(store);
    const result = await store.getMessage(pull(0));
    expect(result).toMatchObject({ status: 'FOUND', nextBeginOffset: 1, minOffset: 0, maxOffset: 1 });
    expect(bodies(result.messages)).toEqual(['first']);
    expect(store.getMaxOffsetInQueue('TopicTest', 0)).toBe(1);
  });

  it('stores a batch under consecutive queue offsets', async () => {
    const batch = {
      ...message(),
      messages: [0, 1, 2].map((i) => ({
        flag: 0,
        body: Buffer.from(`b${i}`),
        properties: '',
        tagsCode: 0,
        keys: undefined,
        uniqKey: undefined,
      })),
    };
    const put = await store.putMessages(batch);
    expect(put.appendResult?.msgNum).toBe(3);
    await dispatched(store);
    expect(bodies((await store.getMessage(pull(0))).messages)).toEqual(['b0', 'b1', 'b2']);
  });

  it('tells message-arriving listeners after the entry is readable', async () => {
    const heard: Array<[string, number, number]> = [];
    const readableWhenHeard: number[] = [];
    store.onMessageArriving(({ topic, queueId, logicOffsetAfter }) => {
      heard.push([topic, queueId, logicOffsetAfter]);
      readableWhenHeard.push(store.getMaxOffsetInQueue(topic, queueId));
    });
    await store.putMessage(message({ queueId: 2 }));
    await dispatched(store);
    expect(heard).toEqual([['TopicTest', 2, 1]]);
    expect(readableWhenHeard).toEqual([1]);
  });

  it('keeps PREPARED transaction halves out of the consume queue', async () => {
    await store.putMessage(message({ sysFlag: MessageSysFlag.TRANSACTION_PREPARED_TYPE }));
    await store.putMessage(message({ body: 'plain' }));
    await dispatched(store);
    expect(store.getMaxOffsetInQueue('TopicTest', 0)).toBe(1);
    expect(bodies((await store.getMessage(pull(0))).messages)).toEqual(['plain']);
  });
});

describe('Store > DefaultMessageStore > lookups', () => {
  it('finds queue offsets and store times by timestamp', async () => {
    const clock: ManualClock = harness.clock;
    const t0 = clock.nowMs();
    for (let i = 0; i < 5; i++) {
      await store.putMessage(message());
      clock.advance(1000);
    }
    await dispatched(store);
    expect(await store.getOffsetInQueueByTime('TopicTest', 0, t0 + 2500, 'lower')).toBe(3);
    expect(await store.getOffsetInQueueByTime('TopicTest', 0, t0 + 2500, 'upper')).toBe(2);
    expect(await store.getMessageStoreTimestamp('TopicTest', 0, 4)).toBe(t0 + 4000);
    expect(await store.getEarliestMessageTime('TopicTest', 0)).toBe(t0);
    expect(await store.getOffsetInQueueByTime('Nope', 0, t0, 'lower')).toBe(0);
  });

  it('reads by commit-log offset and by key, re-checking the real key', async () => {
    const put = await store.putMessage(message({ body: 'keyed', keys: 'order-1 order-2', uniqKey: 'UNIQ1' }));
    await store.putMessage(message({ body: 'other', keys: 'order-3' }));
    await dispatched(store);
    const offset = put.appendResult?.wroteOffset ?? -1;
    expect(bodies([(await store.lookMessageByOffset(offset)) ?? Buffer.alloc(0)])).toEqual(['keyed']);
    expect(await store.lookMessageByOffset(offset + 1)).toBeUndefined();
    expect(await store.getCommitLogOffsetInQueue('TopicTest', 0, 0)).toBe(offset);
    expect(await store.getCommitLogOffsetInQueue('TopicTest', 0, 7)).toBe(-1);
    for (const key of ['order-2', 'UNIQ1'])
      expect(
        bodies(
          (await store.queryMessage({ topic: 'TopicTest', key, maxNum: 32, beginTimestampMs: 0, endTimestampMs: Number.MAX_SAFE_INTEGER }))
            .messages,
        ),
      ).toEqual(['keyed']);
    expect(
      (
        await store.queryMessage({
          topic: 'OtherTopic',
          key: 'order-1',
          maxNum: 32,
          beginTimestampMs: 0,
          endTimestampMs: Number.MAX_SAFE_INTEGER,
        })
      ).messages,
    ).toEqual([]);
    expect(
      (
        await store.queryMessage({
          topic: 'TopicTest',
          key: 'order-1',
          maxNum: 32,
          beginTimestampMs: 0,
          endTimestampMs: Number.MAX_SAFE_INTEGER,
        })
      ).indexLastUpdatePhyoffset,
    ).toBeGreaterThan(offset);
  });

  it("drops a deleted topic's queues", async () => {
    await store.putMessage(message());
    await dispatched(store);
    await store.deleteTopics(['TopicTest']);
    expect(store.getMaxOffsetInQueue('TopicTest', 0)).toBe(0);
    expect((await store.getMessage(pull(0))).status).toBe('NO_MESSAGE_IN_QUEUE');
  });

  it("reports runtime figures under RocketMQ's key names", async () => {
    await store.putMessage(message());
    await dispatched(store);
    const info = store.getRuntimeInfo();
    expect(info['commitLogMaxOffset']).toBe(String(store.getMaxPhyOffset()));
    expect(info['dispatchBehindBytes']).toBe('0');
    expect(info['putMessageTimesTotal']).toBe('1');
    expect(info['commitLogDirCapacity']).toMatch(/^Total : [\d.]+ [KMGTPE]?i?B, Free : [\d.]+ [KMGTPE]?i?B\.$/);
  });
});

describe('Store > DefaultMessageStore > refusals', () => {
  it('refuses writes after shutdown, and answers reads with statuses instead of errors', async () => {
    await store.putMessage(message());
    await dispatched(store);
    await store.shutdown();
    expect((await store.putMessage(message())).status).toBe('SERVICE_NOT_AVAILABLE');
    expect(await store.getMessage(pull(0))).toMatchObject({ status: 'OFFSET_FOUND_NULL', nextBeginOffset: 0, maxOffset: 1 });
    expect(await store.lookMessageByOffset(0)).toBeUndefined();
    expect(await store.getCommitLogOffsetInQueue('TopicTest', 0, 0)).toBe(-1);
  });

  it('refuses writes on a SLAVE', async () => {
    await store.shutdown();
    harness.config = { ...harness.config, brokerRole: 'SLAVE' };
    store = await harness.open();
    expect((await store.putMessage(message())).status).toBe('SERVICE_NOT_AVAILABLE');
  });
});

describe('Store > DefaultMessageStore > restart', () => {
  it('reopens after a clean shutdown with the same offsets and messages, across several segments', async () => {
    const body = 'm'.repeat(900);
    for (let i = 0; i < 30; i++) await store.putMessage(message({ queueId: i % 2, body: `${i}:${body}` }));
    await dispatched(store);
    expect(store.getMaxPhyOffset()).toBeGreaterThan(3 * SEGMENT_BYTES);
    const maxPhyOffset = store.getMaxPhyOffset();
    await store.shutdown();

    store = await harness.open();
    expect(store.recoveredFromCrash()).toBe(false);
    expect(store.getMaxPhyOffset()).toBe(maxPhyOffset);
    for (const queueId of [0, 1]) {
      expect(store.getMaxOffsetInQueue('TopicTest', queueId)).toBe(15);
      const all: string[] = [];
      for (let offset = 0; offset < 15;) {
        const result = await store.getMessage(pull(offset, { queueId }));
        all.push(...bodies(result.messages).map((text) => text.split(':')[0] as string));
        offset = result.nextBeginOffset;
      }
      expect(all).toEqual(Array.from({ length: 15 }, (_, i) => String(i * 2 + queueId)));
    }
    const next = await store.putMessage(message({ queueId: 1 }));
    expect(next.appendResult?.logicsOffset).toBe(15);
  });
});
