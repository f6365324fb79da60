import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { MessageQueue } from '@rocketmq-ts/model';
import { ResponseCode } from '@rocketmq-ts/protocol';
import { type LocalCluster, startLocalCluster } from '@rocketmq-ts/testing';

import { startFakeBroker, startFakeNamesrv } from '../testing/fake-cluster';
import { startReadyProducer } from '../testing/ready-producer';
import { Producer } from './producer';
import { selectByShardingKey } from './send-options';

// Ordered messages: a sharding key or a selector pins every message of one key to one queue, in
// send order, and a pinned send is never moved to another broker.
describe('Client > Producer > ordered send (selector, sharding key)', () => {
  let cluster: LocalCluster;
  let producer: Producer;

  beforeAll(async () => {
    cluster = await startLocalCluster();
    producer = await startReadyProducer({ namesrvAddr: cluster.namesrvAddr, producerGroup: 'client_ordered_group' });
  });

  afterAll(async () => {
    await producer?.shutdown();
    await cluster?.stop();
  });

  it('keeps each sharding key on the queue Java’s hash selector picks, with consecutive offsets', async () => {
    const topic = `OrderedTopic_${Date.now()}`;
    const keys = ['order-1', 'order-2', 'order-3', 'order-4', 'order-5'];
    const byKey = new Map<string, { queueId: number; queueOffset: number }[]>();
    for (let step = 0; step < 4; step += 1) {
      for (const key of keys) {
        const result = await producer.send({ topic, body: `${key} step ${step}` }, { shardingKey: key });
        byKey.set(key, [...(byKey.get(key) ?? []), { queueId: result.messageQueue.queueId, queueOffset: result.queueOffset }]);
      }
    }
    const queues = Array.from({ length: 4 }, (_, queueId) => ({ topic, brokerName: cluster.brokerName, queueId }));
    for (const [key, sent] of byKey) {
      expect(new Set(sent.map((entry) => entry.queueId))).toEqual(new Set([selectByShardingKey(queues, key).queueId]));
      const offsets = sent.map((entry) => entry.queueOffset);
      expect(offsets).toEqual([...offsets].sort((left, right) => left - right));
    }
  });

  it('sends where a selector function says, given the route’s queues and the argument', async () => {
    const topic = `SelectorTopic_${Date.now()}`;
    const seenQueueCounts: number[] = [];
    const results = [];
    for (let index = 0; index < 6; index += 1) {
      results.push(
        await producer.send(
          { topic, body: `m${index}` },
          {
            selector: (queues, _message, arg) => {
              seenQueueCounts.push(queues.length);
              return queues[Number(arg) % queues.length] as (typeof queues)[number];
            },
            selectorArg: 7,
          },
        ),
      );
    }
    expect(new Set(seenQueueCounts)).toEqual(new Set([4]));
    expect(results.map((result) => result.messageQueue.queueId)).toEqual([3, 3, 3, 3, 3, 3]);
    expect(results.map((result) => result.queueOffset)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('does not retry a pinned send on another broker', async () => {
    const busy = await startFakeBroker('a-busy', ResponseCode.SYSTEM_BUSY);
    const healthy = await startFakeBroker('b-ok', ResponseCode.SUCCESS);
    const namesrv = await startFakeNamesrv([busy, healthy]);
    const pinned = new Producer({ namesrvAddr: namesrv.address, producerGroup: 'client_ordered_pinned' });
    await pinned.start();
    try {
      const onBusy = {
        selector: (queues: readonly MessageQueue[]) => queues.find((queue) => queue.brokerName === 'a-busy') as MessageQueue,
      };
      const error = await pinned.send({ topic: 'PinnedTopic', body: 'x' }, onBusy).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ responseCode: ResponseCode.SYSTEM_BUSY });
      expect([busy.sendTopics.length, healthy.sendTopics.length]).toEqual([1, 0]);
    } finally {
      await pinned.shutdown();
      await namesrv.close();
      await busy.close();
      await healthy.close();
    }
  });
});
