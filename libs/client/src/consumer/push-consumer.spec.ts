import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { dumpLogs } from '@rocketmq-ts/testing';

import { Producer } from '../producer/producer';
import { startCluster, type TestCluster } from '../testing/cluster';
import { createTopic, Received, sendNumbered, startProbedProducer } from '../testing/consumer-fixtures';
import { PushConsumer } from './push-consumer';

// The push consumer against a real name server and broker (child processes) over TCP.

describe('Client > PushConsumer > clustering', () => {
  let cluster: TestCluster;
  let producer: Producer;
  const consumers: PushConsumer[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    cluster = await startCluster();
    producer = await startProbedProducer(cluster, 'push_spec_producer');
  });

  afterAll(async () => {
    for (const consumer of consumers) await consumer.shutdown();
    await producer?.shutdown();
    await cluster?.stop();
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });

  function consumer(options: Partial<ConstructorParameters<typeof PushConsumer>[0]> & { consumerGroup: string }): PushConsumer {
    const created = new PushConsumer({ namesrvAddr: cluster.namesrvAddr, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET', ...options });
    consumers.push(created);
    return created;
  }

  it('consumes every message of a 4-queue topic once, decoded with tags, keys and ids', async () => {
    const topic = 'PushClusterTopic';
    await createTopic(cluster, topic, 4);
    const received = new Received();
    const pushConsumer = consumer({ consumerGroup: 'push_spec_cluster' });
    pushConsumer.subscribe(topic, '*');
    pushConsumer.onMessage((message) => received.add(message));
    await pushConsumer.start();
    try {
      const sent = await sendNumbered(producer, topic, 'cluster', 40, 'TagA');
      await received.waitForAll(sent);
      expect(received.bodies().sort()).toEqual([...sent].sort());
      const first = received.messages[0];
      expect(first).toMatchObject({ topic, tags: 'TagA', brokerName: cluster.brokerName, reconsumeTimes: 0 });
      expect(first?.msgId).toMatch(/^[0-9A-F]{32}$/);
      expect(first?.offsetMsgId).toMatch(/^[0-9A-F]{32}$/);
      expect(pushConsumer.assignedQueues().filter((queue) => queue.topic === topic)).toHaveLength(4);
    } catch (error) {
      process.stderr.write(dumpLogs());
      throw error;
    }
  });
});
