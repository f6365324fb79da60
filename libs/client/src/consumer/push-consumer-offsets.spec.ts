import { afterEach, describe, expect, it } from 'vitest';

import { createRequest, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import { waitFor } from '@rocketmq-ts/testing';

import { type FakeConsumerBroker, startFakeConsumerBroker } from '../testing/fake-consumer-broker';
import type { ConsumeFromWhere } from './consumer-options';
import { PushConsumer } from './push-consumer';

// Where a new group starts, and broker-driven offset resets, against a scripted broker over TCP:
// a real broker answers 0 (not "none") for a queue that was never trimmed, so the "no stored
// offset" paths of consumeFromWhere are only reachable with one that says QUERY_NOT_FOUND.

const TOPIC = 'FakeOffsetsTopic';
const MAX_OFFSET = 100;
const SEARCH_OFFSET = 40;

describe('Client > PushConsumer > start offsets and resets (scripted broker)', () => {
  let broker: FakeConsumerBroker | undefined;
  let consumer: PushConsumer | undefined;

  afterEach(async () => {
    await consumer?.shutdown();
    await broker?.close();
    [consumer, broker] = [undefined, undefined];
  });

  async function startConsumer(consumeFromWhere: ConsumeFromWhere, consumeTimestamp?: number): Promise<FakeConsumerBroker> {
    broker = await startFakeConsumerBroker({ topic: TOPIC, queueNums: 2, maxOffset: MAX_OFFSET, searchOffset: SEARCH_OFFSET });
    consumer = new PushConsumer({ namesrvAddr: broker.address, consumerGroup: 'fake_offsets_group', consumeFromWhere, consumeTimestamp });
    consumer.subscribe(TOPIC);
    consumer.onMessage(() => undefined);
    await consumer.start();
    const started = broker;
    await waitFor(() => started.firstPullOffsets.size === 2, { timeoutMs: 5_000, intervalMs: 20, reason: 'a first pull of both queues' });
    return started;
  }

  it('CONSUME_FROM_LAST_OFFSET starts a queue with no stored offset at its max offset', async () => {
    const started = await startConsumer('CONSUME_FROM_LAST_OFFSET');
    expect([...started.firstPullOffsets.values()]).toEqual([MAX_OFFSET, MAX_OFFSET]);
  });

  it('CONSUME_FROM_FIRST_OFFSET starts it at 0', async () => {
    const started = await startConsumer('CONSUME_FROM_FIRST_OFFSET');
    expect([...started.firstPullOffsets.values()]).toEqual([0, 0]);
  });

  it('CONSUME_FROM_TIMESTAMP searches the offset of the consumeTimestamp', async () => {
    const timestamp = Date.UTC(2024, 0, 2, 3, 4, 5);
    const started = await startConsumer('CONSUME_FROM_TIMESTAMP', timestamp);
    expect([...started.firstPullOffsets.values()]).toEqual([SEARCH_OFFSET, SEARCH_OFFSET]);
    expect(new Set(started.searchedTimestamps)).toEqual(new Set([timestamp]));
  });

  it('RESET_CONSUMER_CLIENT_OFFSET restarts the named queue at the given offset and commits it', async () => {
    const started = await startConsumer('CONSUME_FROM_LAST_OFFSET');
    const response = await started.invokeConsumer(started.resetOffsetRequest('fake_offsets_group', [[0, 7]]));
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect(started.committed.get(0)).toBe(7);
    await waitFor(() => started.pulls.includes('0@7'), { timeoutMs: 5_000, intervalMs: 20, reason: 'queue 0 pulled from 7' });
    expect(started.pulls.filter((pull) => pull.startsWith('1@')).every((pull) => pull === `1@${MAX_OFFSET}`)).toBe(true);
  });

  it('answers GET_CONSUMER_RUNNING_INFO with REQUEST_CODE_NOT_SUPPORTED', async () => {
    const started = await startConsumer('CONSUME_FROM_LAST_OFFSET');
    const response = await started.invokeConsumer(
      createRequest(RequestCode.GET_CONSUMER_RUNNING_INFO, { extFields: { consumerGroup: 'fake_offsets_group' } }),
    );
    expect(response.code).toBe(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
  });

  it('commits consumed offsets at shutdown', async () => {
    const started = await startConsumer('CONSUME_FROM_LAST_OFFSET');
    await consumer?.shutdown();
    expect(started.committed).toEqual(
      new Map([
        [0, MAX_OFFSET],
        [1, MAX_OFFSET],
      ]),
    );
  });
});
