import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import { waitFor } from '@rocketmq-ts/testing';

import { MQClientError } from '../errors';
import { type FakeBroker, type FakeNamesrv, startFakeBroker, startFakeNamesrv } from '../testing/fake-cluster';
import { Producer } from './producer';

// Scripted brokers over real TCP: a busy broker makes the producer retry on the other one, a
// message-illegal answer is not retried, and heartbeats and UNREGISTER_CLIENT reach every master.

describe('Client > Producer > retries and heartbeat', () => {
  let busy: FakeBroker;
  let healthy: FakeBroker;
  let namesrv: FakeNamesrv;

  beforeAll(async () => {
    busy = await startFakeBroker('broker-a-busy', ResponseCode.SYSTEM_BUSY);
    healthy = await startFakeBroker('broker-b-ok', ResponseCode.SUCCESS);
    namesrv = await startFakeNamesrv([busy, healthy]);
  });

  afterAll(async () => {
    await namesrv?.close();
    await busy?.close();
    await healthy?.close();
  });

  it('falls back to TBW102 with min(4, readQueueNums) queues and retries a busy broker on the other one', async () => {
    const producer = new Producer({ namesrvAddr: namesrv.address, producerGroup: 'retry_group' });
    await producer.start();
    try {
      const results = [];
      for (let index = 0; index < 6; index += 1) results.push(await producer.send({ topic: 'RetryTopic', body: `m${index}` }));
      expect(namesrv.lookups.slice(0, 2)).toEqual(['RetryTopic', 'TBW102']);
      for (const result of results) {
        expect(result.sendStatus).toBe('SEND_OK');
        expect(result.messageQueue.brokerName).toBe('broker-b-ok');
        expect(result.messageQueue.queueId).toBeLessThan(4);
      }
      // Round robin put some first attempts on the busy broker; each was retried exactly once elsewhere.
      expect(busy.sendTopics.length).toBeGreaterThan(0);
      expect(healthy.sendTopics).toHaveLength(6);
    } finally {
      await producer.shutdown();
    }
  });

  it('gives up after 1 + retryTimesWhenSendFailed attempts with a typed error naming the code', async () => {
    const lonelyBusy = await startFakeBroker('only-busy', ResponseCode.SYSTEM_BUSY);
    const lonelyNamesrv = await startFakeNamesrv([lonelyBusy]);
    const producer = new Producer({ namesrvAddr: lonelyNamesrv.address, producerGroup: 'retry_group', retryTimesWhenSendFailed: 2 });
    await producer.start();
    try {
      const error = await producer.send({ topic: 'RetryTopic', body: 'x' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MQClientError);
      expect(error).toMatchObject({ responseCode: ResponseCode.SYSTEM_BUSY, retriable: true });
      expect(lonelyBusy.sendTopics).toHaveLength(3);
    } finally {
      await producer.shutdown();
      await lonelyNamesrv.close();
      await lonelyBusy.close();
    }
  });

  it('heartbeats every master with its producer group and unregisters on shutdown', async () => {
    const producer = new Producer({ namesrvAddr: namesrv.address, producerGroup: 'heartbeat_group' });
    await producer.start();
    await producer.send({ topic: 'HeartbeatTopic', body: 'hi' });
    // The first heartbeat to a newly routed master is sent without waiting for the 30 s timer.
    for (const broker of [busy, healthy]) {
      await waitFor(() => broker.heartbeatGroups.includes('heartbeat_group'), { timeoutMs: 5_000, reason: `heartbeat at ${broker.name}` });
    }
    await producer.shutdown();
    for (const broker of [busy, healthy]) expect(broker.codes).toContain(RequestCode.UNREGISTER_CLIENT);
  });
});
