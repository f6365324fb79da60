import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ResponseCode } from '@rocketmq-ts/protocol';
import { type LocalCluster, startLocalCluster } from '@rocketmq-ts/testing';

import { MQBrokerError } from '../errors';
import { startFakeBroker, startFakeNamesrv } from '../testing/fake-cluster';
import { startReadyProducer } from '../testing/ready-producer';
import { Producer } from './producer';

// Async sends: many promises in flight on one connection, and Java's ASYNC retry rule (only
// transport failures, retryTimesWhenSendAsyncFailed times, on another broker).
describe('Client > Producer > async send', () => {
  let cluster: LocalCluster;
  let producer: Producer;

  beforeAll(async () => {
    cluster = await startLocalCluster();
    producer = await startReadyProducer({ namesrvAddr: cluster.namesrvAddr, producerGroup: 'client_async_group' });
  });

  afterAll(async () => {
    await producer?.shutdown();
    await cluster?.stop();
  });

  it('stores 400 concurrent sends exactly once each, with gapless offsets per queue', async () => {
    const topic = `AsyncTopic_${Date.now()}`;
    const results = await Promise.all(
      Array.from({ length: 400 }, (_, index) =>
        producer.send({ topic, body: `async ${index}` }, { communicationMode: index % 2 === 0 ? 'ASYNC' : 'SYNC' }),
      ),
    );
    expect(new Set(results.map((result) => result.msgId)).size).toBe(400);
    const offsetsByQueue = new Map<number, number[]>();
    for (const result of results)
      offsetsByQueue.set(result.messageQueue.queueId, [...(offsetsByQueue.get(result.messageQueue.queueId) ?? []), result.queueOffset]);
    for (const offsets of offsetsByQueue.values()) {
      expect([...offsets].sort((left, right) => left - right)).toEqual(offsets.map((_, index) => index));
    }
  });

  it('does not retry a broker’s failure answer in ASYNC mode, where SYNC would', async () => {
    const busy = await startFakeBroker('a-busy', ResponseCode.SYSTEM_BUSY);
    const namesrv = await startFakeNamesrv([busy]);
    const fake = new Producer({ namesrvAddr: namesrv.address, producerGroup: 'client_async_busy' });
    await fake.start();
    try {
      const asyncError = await fake
        .send({ topic: 'AsyncBusy', body: 'x' }, { communicationMode: 'ASYNC' })
        .catch((caught: unknown) => caught);
      expect(asyncError).toBeInstanceOf(MQBrokerError);
      expect(asyncError).toMatchObject({ responseCode: ResponseCode.SYSTEM_BUSY });
      expect(busy.sendTopics).toHaveLength(1);
      await expect(fake.send({ topic: 'AsyncBusy', body: 'x' })).rejects.toMatchObject({ responseCode: ResponseCode.SYSTEM_BUSY });
      expect(busy.sendTopics).toHaveLength(4);
    } finally {
      await fake.shutdown();
      await namesrv.close();
      await busy.close();
    }
  });

  it('retries an unreachable broker on another one, retryTimesWhenSendAsyncFailed times', async () => {
    const dead = await startFakeBroker('a-dead', ResponseCode.SUCCESS);
    const healthy = await startFakeBroker('b-ok', ResponseCode.SUCCESS);
    const namesrv = await startFakeNamesrv([dead, healthy]);
    await dead.close();
    const fake = new Producer({ namesrvAddr: namesrv.address, producerGroup: 'client_async_dead', retryTimesWhenSendAsyncFailed: 1 });
    await fake.start();
    try {
      for (let index = 0; index < 6; index += 1) {
        await expect(fake.send({ topic: 'AsyncDead', body: `m${index}` }, { communicationMode: 'ASYNC' })).resolves.toMatchObject({
          messageQueue: { brokerName: 'b-ok' },
        });
      }
      expect(healthy.sendTopics).toHaveLength(6);
      const noRetries = new Producer({
        namesrvAddr: namesrv.address,
        producerGroup: 'client_async_dead_none',
        retryTimesWhenSendAsyncFailed: 0,
      });
      await noRetries.start();
      // 8 sends over the 2 x 4 queues: round robin puts 4 on the dead broker, and nothing moves them.
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, () => noRetries.send({ topic: 'AsyncDead', body: 'x' }, { communicationMode: 'ASYNC' })),
      );
      await noRetries.shutdown();
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(4);
    } finally {
      await fake.shutdown();
      await namesrv.close();
      await healthy.close();
    }
  });
});
