import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MessageConst, RMQ_SYS_WHEEL_TIMER_TOPIC } from '@rocketmq-ts/model';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { type LocalCluster, startLocalCluster, waitFor } from '@rocketmq-ts/testing';

import { type PulledMessage, pullQueue, pullQueueUntil } from '../testing/pull-queue';
import { startReadyProducer } from '../testing/ready-producer';
import type { Producer } from './producer';

// A timer message (deliverAt / delayMs) is parked in rmq_sys_wheel_timer and put back on its topic
// once its time has passed, within the broker's timerPrecisionMs (1 s) and never before.
describe('Client > Producer > timer messages', () => {
  let cluster: LocalCluster;
  let producer: Producer;
  const reader = new RemotingClient();

  beforeAll(async () => {
    cluster = await startLocalCluster();
    producer = await startReadyProducer({ namesrvAddr: cluster.namesrvAddr, producerGroup: 'client_timer_group' });
  });

  afterAll(async () => {
    await reader.close();
    await producer?.shutdown();
    await cluster?.stop();
  });

  it('delivers a deliverAt message at its time, not before, with TIMER_DELIVER_MS kept', async () => {
    const topic = `TimerTopic_${Date.now()}`;
    const plain = await producer.send({ topic, body: 'now' }, { shardingKey: 'k' });
    const deliverAt = Date.now() + 2_000;
    const timed = await producer.send({ topic, body: 'at a time', tags: 'Later', deliverAt: new Date(deliverAt) }, { shardingKey: 'k' });
    expect(timed.messageQueue).toEqual(plain.messageQueue);
    const isOurs = (message: PulledMessage): boolean =>
      message.properties.get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX) === timed.msgId;

    const parked = (
      await pullQueueUntil({ remoting: reader, brokerAddr: cluster.brokerAddr, topic: RMQ_SYS_WHEEL_TIMER_TOPIC, queueId: 0 }, (found) =>
        found.some(isOurs),
      )
    ).find(isOurs);
    expect(parked?.properties.get(MessageConst.PROPERTY_TIMER_DELIVER_MS)).toBe(String(deliverAt));
    expect(parked?.properties.get(MessageConst.PROPERTY_REAL_TOPIC)).toBe(topic);
    const readTopic = async (): Promise<PulledMessage | undefined> =>
      (
        await pullQueue({
          remoting: reader,
          brokerAddr: cluster.brokerAddr,
          topic,
          queueId: plain.messageQueue.queueId,
          offset: plain.queueOffset + 1,
        })
      ).find(isOurs);

    let delivered: PulledMessage | undefined;
    await waitFor(async () => (delivered = await readTopic()) !== undefined, {
      timeoutMs: 10_000,
      intervalMs: 50,
      reason: 'the timer message on its topic',
    });
    expect(delivered?.record.storeTimestamp).toBeGreaterThanOrEqual(deliverAt);
    expect(delivered?.record.storeTimestamp).toBeLessThanOrEqual(deliverAt + 2_000);
    expect(delivered?.properties.get(MessageConst.PROPERTY_TAGS)).toBe('Later');
  });

  it('writes delayMs as TIMER_DELAY_MS and refuses two ways of delaying, or a timer in a batch', async () => {
    const topic = `TimerDelayTopic_${Date.now()}`;
    const sent = await producer.send({ topic, body: 'in 1.5 s', delayMs: 1_500 });
    const isOurs = (message: PulledMessage): boolean =>
      message.properties.get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX) === sent.msgId;
    const parked = (
      await pullQueueUntil({ remoting: reader, brokerAddr: cluster.brokerAddr, topic: RMQ_SYS_WHEEL_TIMER_TOPIC, queueId: 0 }, (found) =>
        found.some(isOurs),
      )
    ).find(isOurs);
    expect(parked?.properties.get(MessageConst.PROPERTY_TIMER_DELAY_MS)).toBe('1500');

    await expect(producer.send({ topic, body: 'x', delayMs: 1_000, delayLevel: 2 })).rejects.toThrow(
      'set one of delayLevel, deliverAt and delayMs',
    );
    await expect(producer.send({ topic, body: 'x', delayMs: -1 })).rejects.toThrow('delayMs -1 is not a whole number');
    await expect(producer.send({ topic, body: 'x', deliverAt: new Date(Number.NaN) })).rejects.toThrow(
      'is not a time in whole milliseconds',
    );
    await expect(producer.sendBatch([{ topic, body: 'x', deliverAt: Date.now() + 1_000 }])).rejects.toThrow(
      'timer messages (deliverAt, delayMs) are not supported for batching',
    );
  });
});
