import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ManualClock } from '@rocketmq-ts/base';
import { ResponseCode } from '@rocketmq-ts/protocol';
import { type LocalCluster, startLocalCluster } from '@rocketmq-ts/testing';

import { type FakeBroker, type FakeNamesrv, startFakeBroker, startFakeNamesrv } from '../testing/fake-cluster';
import { startReadyProducer } from '../testing/ready-producer';
import { Producer } from './producer';

// sendLatencyFaultEnable: a broker that failed is isolated (10 min in Java's table), so later sends
// stop costing an attempt on it; it is tried again once its penalty has run out.
describe('Client > Producer > latency fault avoidance', () => {
  let busy: FakeBroker;
  let healthy: FakeBroker;
  let namesrv: FakeNamesrv;
  let cluster: LocalCluster;

  beforeAll(async () => {
    busy = await startFakeBroker('a-busy', ResponseCode.SYSTEM_BUSY);
    healthy = await startFakeBroker('b-ok', ResponseCode.SUCCESS);
    namesrv = await startFakeNamesrv([busy, healthy]);
    cluster = await startLocalCluster();
  });

  afterAll(async () => {
    await namesrv?.close();
    await busy?.close();
    await healthy?.close();
    await cluster?.stop();
  });

  it('stops trying a failed broker until its isolation ends', async () => {
    const clock = new ManualClock();
    const producer = new Producer({
      namesrvAddr: namesrv.address,
      producerGroup: 'client_fault_group',
      sendLatencyFaultEnable: true,
      clock,
    });
    await producer.start();
    try {
      for (let index = 0; index < 10; index += 1)
        await expect(producer.send({ topic: 'FaultTopic', body: `m${index}` })).resolves.toMatchObject({
          messageQueue: { brokerName: 'b-ok' },
        });
      // Round robin reaches the busy broker within two sends; without the strategy it would get every other one.
      expect(busy.sendTopics).toHaveLength(1);
      expect(healthy.sendTopics).toHaveLength(10);
      const triedBefore = busy.sendTopics.length;
      clock.advance(600_000);
      for (let index = 0; index < 4; index += 1) await producer.send({ topic: 'FaultTopic', body: `later ${index}` });
      expect(busy.sendTopics.length).toBe(triedBefore + 1);
    } finally {
      await producer.shutdown();
    }
  });

  it('sends normally through our broker with the strategy on', async () => {
    const producer = await startReadyProducer({
      namesrvAddr: cluster.namesrvAddr,
      producerGroup: 'client_fault_real',
      sendLatencyFaultEnable: true,
    });
    try {
      const results = [];
      for (let index = 0; index < 8; index += 1) results.push(await producer.send({ topic: 'FaultRealTopic', body: `m${index}` }));
      expect(results.every((result) => result.sendStatus === 'SEND_OK' && result.messageQueue.brokerName === cluster.brokerName)).toBe(
        true,
      );
      // A fast broker stays available: round robin still spreads over all four queues.
      expect(new Set(results.map((result) => result.messageQueue.queueId)).size).toBe(4);
    } finally {
      await producer.shutdown();
    }
  });
});
