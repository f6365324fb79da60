import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MessageConst, RMQ_SYS_SCHEDULE_TOPIC } from '@rocketmq-ts/model';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { type LocalCluster, startLocalCluster, waitFor } from '@rocketmq-ts/testing';

import { type PulledMessage, pullQueue, pullQueueUntil } from '../testing/pull-queue';
import { startReadyProducer } from '../testing/ready-producer';
import type { Producer } from './producer';

// A delay level parks the message in SCHEDULE_TOPIC_XXXX (queue = level - 1) and the broker puts
// it back on its real topic once the level's delay (level 1 = 1 s) has passed.
describe('Client > Producer > delay level', () => {
  let cluster: LocalCluster;
  let producer: Producer;
  const reader = new RemotingClient();

  beforeAll(async () => {
    cluster = await startLocalCluster();
    producer = await startReadyProducer({ namesrvAddr: cluster.namesrvAddr, producerGroup: 'client_delay_group' });
  });

  afterAll(async () => {
    await reader.close();
    await producer?.shutdown();
    await cluster?.stop();
  });

  it('parks a level-1 message in SCHEDULE_TOPIC and delivers it to its topic about 1 s later', async () => {
    const topic = `DelayTopic_${Date.now()}`;
    // A plain send first, so the topic exists and the delayed message's queue can be read at once.
    const plain = await producer.send({ topic, body: 'not delayed' }, { shardingKey: 'k' });
    const sentAtMs = Date.now();
    const delayed = await producer.send(
      { topic, body: 'delayed', tags: 'Later', keys: 'delay-key', properties: { origin: 'spec' }, delayLevel: 1 },
      { shardingKey: 'k' },
    );
    expect(delayed.sendStatus).toBe('SEND_OK');
    // As a Java broker does, the answer names the queue asked for, not the schedule queue.
    expect(delayed.messageQueue).toEqual(plain.messageQueue);
    const isOurs = (message: PulledMessage): boolean =>
      message.properties.get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX) === delayed.msgId;

    const parked = (
      await pullQueueUntil({ remoting: reader, brokerAddr: cluster.brokerAddr, topic: RMQ_SYS_SCHEDULE_TOPIC, queueId: 0 }, (found) =>
        found.some(isOurs),
      )
    ).find(isOurs);
    expect(parked?.properties.get(MessageConst.PROPERTY_REAL_TOPIC)).toBe(topic);
    expect(parked?.properties.get(MessageConst.PROPERTY_DELAY_TIME_LEVEL)).toBe('1');
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
    expect(await readTopic()).toBeUndefined();

    let delivered: PulledMessage | undefined;
    await waitFor(async () => (delivered = await readTopic()) !== undefined, {
      timeoutMs: 10_000,
      intervalMs: 100,
      reason: 'the delayed message on its real topic',
    });
    expect(delivered?.record.body.toString()).toBe('delayed');
    // Due one level (1 s) after it was parked.
    expect(delivered?.record.storeTimestamp).toBeGreaterThanOrEqual((parked?.record.storeTimestamp ?? 0) + 1_000);
    expect(delivered?.record.bornTimestamp).toBeGreaterThanOrEqual(sentAtMs);
    expect(delivered?.properties.get(MessageConst.PROPERTY_TAGS)).toBe('Later');
    expect(delivered?.properties.get(MessageConst.PROPERTY_KEYS)).toBe('delay-key');
    expect(delivered?.properties.get('origin')).toBe('spec');
  });
});
