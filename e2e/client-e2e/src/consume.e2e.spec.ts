import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { type MessageExt, Producer, PushConsumer, type PushConsumerOptions } from '@rocketmq-ts/client';
import { messageQueueKey } from '@rocketmq-ts/model';
import { pullRecords, waitFor } from '@rocketmq-ts/testing';

import { BROKER_KINDS, type ClientCluster, startClientCluster } from './support/cluster';
import { bodiesFor, Collector, waitForAll } from './support/collector';
import { useProcessHygiene, unique } from './support/hygiene';
import { createTopic } from './support/remoting-admin';

useProcessHygiene();

describe.each(BROKER_KINDS)('the TypeScript push consumer against the %s broker', (kind) => {
  let cluster: ClientCluster;
  let producer: Producer;
  const consumers: PushConsumer[] = [];

  beforeAll(async () => {
    cluster = await startClientCluster(kind);
    producer = new Producer({ namesrvAddr: cluster.namesrvAddr, producerGroup: unique('consume_pg') });
    await producer.start();
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.shutdown()));
  });
  afterAll(async () => {
    await producer?.shutdown();
  });

  async function startConsumer(
    options: Omit<PushConsumerOptions, 'namesrvAddr'>,
    topic: string,
    listen: (consumer: PushConsumer) => void,
  ): Promise<PushConsumer> {
    const consumer = new PushConsumer({ namesrvAddr: cluster.namesrvAddr, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET', ...options });
    consumer.subscribe(topic, '*');
    listen(consumer);
    consumers.push(consumer);
    await consumer.start();
    return consumer;
  }

  async function sendAll(topic: string, bodies: readonly string[]): Promise<void> {
    for (const body of bodies) await producer.send({ topic, body });
  }

  it('shares a topic among the members of a group in clustering mode, each message to one member', async () => {
    const topic = unique('clustering');
    const group = unique('clustering_cg');
    await createTopic(cluster, topic, 4);
    const [left, right] = [new Collector(), new Collector()];
    const members = [
      await startConsumer({ consumerGroup: group }, topic, (consumer) => consumer.onMessage(left.take)),
      await startConsumer({ consumerGroup: group }, topic, (consumer) => consumer.onMessage(right.take)),
    ];
    await waitForDisjointCover(members, topic, 4, 'two members own two queues each');
    const sent = bodiesFor('clustering', 60);
    await sendAll(topic, sent);
    await waitForAll([left, right], sent, 'every message consumed by the group');
    expect(left.messages.length).toBeGreaterThan(0);
    expect(right.messages.length).toBeGreaterThan(0);
    const leftQueues = new Set(left.messages.map((message) => message.queueId));
    expect(right.messages.filter((message) => leftQueues.has(message.queueId))).toEqual([]);
  });

  it('hands every message to every member in broadcasting mode', async () => {
    const topic = unique('broadcast');
    const group = unique('broadcast_cg');
    await createTopic(cluster, topic, 2);
    const [first, second] = [new Collector(), new Collector()];
    await startConsumer({ consumerGroup: group, messageModel: 'BROADCASTING' }, topic, (consumer) => consumer.onMessage(first.take));
    await startConsumer({ consumerGroup: group, messageModel: 'BROADCASTING' }, topic, (consumer) => consumer.onMessage(second.take));
    const sent = bodiesFor('broadcast', 20);
    await sendAll(topic, sent);
    await waitForAll([first], sent, 'first member saw every message');
    await waitForAll([second], sent, 'second member saw every message');
  });

  it('consumes each sharding key in send order, one message at a time per queue, in orderly mode', async () => {
    const topic = unique('orderly');
    const group = unique('orderly_cg');
    await createTopic(cluster, topic, 4);
    const seen: MessageExt[] = [];
    const inFlightPerQueue = new Map<number, number>();
    let overlapped = false;
    let pauses = 0;
    await startConsumer({ consumerGroup: group }, topic, (consumer) =>
      consumer.onMessageOrderly(async (message) => {
        const running = (inFlightPerQueue.get(message.queueId) ?? 0) + 1;
        inFlightPerQueue.set(message.queueId, running);
        if (running > 1) overlapped = true;
        // Pause once to show that a paused queue redelivers locally, keeping the order.
        if (message.body.toString() === 'order-3-5' && pauses === 0) {
          pauses += 1;
          inFlightPerQueue.set(message.queueId, running - 1);
          return 'SUSPEND_CURRENT_QUEUE_A_MOMENT';
        }
        await new Promise((resolve) => setImmediate(resolve));
        seen.push(message);
        inFlightPerQueue.set(message.queueId, (inFlightPerQueue.get(message.queueId) ?? 1) - 1);
        return 'SUCCESS';
      }),
    );
    const sent: string[] = [];
    for (let sequence = 0; sequence < 20; sequence += 1) {
      for (let key = 0; key < 6; key += 1) {
        const body = `order-${key}-${sequence}`;
        await producer.send({ topic, body }, { shardingKey: `key-${key}` });
        sent.push(body);
      }
    }
    await waitFor(() => new Set(seen.map((message) => message.body.toString())).size === sent.length, {
      timeoutMs: 60_000,
      intervalMs: 100,
      reason: 'every ordered message consumed',
    });
    expect(overlapped).toBe(false);
    expect(pauses).toBe(1);
    for (let key = 0; key < 6; key += 1) {
      const sequences = seen
        .map((message) => message.body.toString())
        .filter((body) => body.startsWith(`order-${key}-`))
        .map((body) => Number(body.split('-')[2]));
      expect(sequences).toEqual(Array.from({ length: 20 }, (_, index) => index));
    }
  });

  it('delivers a batch and a compressed body as the producer sent them', async () => {
    const topic = unique('batch');
    const group = unique('batch_cg');
    await createTopic(cluster, topic, 2);
    const collector = new Collector();
    await startConsumer({ consumerGroup: group }, topic, (consumer) => consumer.onMessage(collector.take));
    const batch = bodiesFor('batch', 10);
    const result = await producer.sendBatch(batch.map((body) => ({ topic, body, tags: 'B' })));
    expect(result.msgIds).toHaveLength(10);
    const large = 'x'.repeat(64 * 1024);
    await producer.send({ topic, body: large, keys: 'large' });
    await waitForAll([collector], [...batch, large], 'the batch and the compressed body');
    expect(
      collector.messages
        .filter((message) => batch.includes(message.body.toString()))
        .map((message) => message.msgId)
        .sort(),
    ).toEqual([...result.msgIds].sort());
    expect(collector.messages.find((message) => message.keys.includes('large'))?.body.length).toBe(64 * 1024);
  });

  it('retries a failing message through the broker, then moves it to the group dead-letter queue', async () => {
    const topic = unique('retry');
    const group = unique('retry_cg');
    await createTopic(cluster, topic, 1);
    const deliveries: MessageExt[] = [];
    await startConsumer({ consumerGroup: group, maxReconsumeTimes: 2 }, topic, (consumer) =>
      consumer.onMessage((message) => {
        deliveries.push(message);
        throw new Error('handler refuses the message');
      }),
    );
    const { msgId } = await producer.send({ topic, body: 'poison' });
    await waitFor(() => deliveries.filter((message) => message.msgId === msgId).length >= 3, {
      timeoutMs: 60_000,
      intervalMs: 100,
      reason: 'three deliveries',
    });
    expect(deliveries.filter((message) => message.msgId === msgId).map((message) => message.reconsumeTimes)).toEqual([0, 1, 2]);
    const dead = await waitFor(
      async () => {
        const records = await pullRecords(cluster.brokerAddr, `%DLQ%${group}`, 0, 0);
        return records.length > 0 ? records : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, reason: `poison in %DLQ%${group}` },
    );
    expect(dead.map((record) => record.body.toString())).toEqual(['poison']);
  });

  it('keeps committed offsets across a consumer restart: nothing lost, nothing consumed twice', async () => {
    const topic = unique('offsets');
    const group = unique('offsets_cg');
    await createTopic(cluster, topic, 2);
    const before = new Collector();
    const first = await startConsumer({ consumerGroup: group }, topic, (consumer) => consumer.onMessage(before.take));
    const firstBatch = bodiesFor('before', 20);
    await sendAll(topic, firstBatch);
    await waitForAll([before], firstBatch, 'first batch consumed');
    await first.shutdown();
    const secondBatch = bodiesFor('after', 20);
    await sendAll(topic, secondBatch);
    const after = new Collector();
    await startConsumer({ consumerGroup: group }, topic, (consumer) => consumer.onMessage(after.take));
    await waitForAll([after], secondBatch, 'second batch consumed by the restarted consumer');
    expect(after.bodies().filter((body) => body.startsWith('before'))).toEqual([]);
  });

  it('rebalances when a third consumer joins a group of two: one owner per queue, nothing lost', async () => {
    const topic = unique('rebalance');
    const group = unique('rebalance_cg');
    await createTopic(cluster, topic, 4);
    const [first, second, third] = [new Collector(), new Collector(), new Collector()];
    const members = [
      await startConsumer({ consumerGroup: group }, topic, (consumer) => consumer.onMessage(first.take)),
      await startConsumer({ consumerGroup: group }, topic, (consumer) => consumer.onMessage(second.take)),
    ];
    await waitForDisjointCover(members, topic, 4, 'two members cover four queues');
    const early = bodiesFor('early', 40);
    await sendAll(topic, early);
    members.push(await startConsumer({ consumerGroup: group }, topic, (consumer) => consumer.onMessage(third.take)));
    const during = bodiesFor('during', 40);
    await sendAll(topic, during);
    await waitForDisjointCover(members, topic, 4, 'three members cover four queues, each queue owned once');
    expect(members.every((member) => member.assignedQueues().some((queue) => queue.topic === topic))).toBe(true);
    const late = bodiesFor('late', 40);
    await sendAll(topic, late);
    await waitForAll([first, second, third], [...early, ...during, ...late], 'every message consumed by the group of three');
    expect(third.messages.length).toBeGreaterThan(0);
  });
});

/** Waits until the members' assignments of `topic` are disjoint and together cover its `queueCount` queues. */
async function waitForDisjointCover(members: readonly PushConsumer[], topic: string, queueCount: number, reason: string): Promise<void> {
  await waitFor(
    () => {
      // The retry topic %RETRY%<group> is assigned too; only the topic's own queues count here.
      const keys = members.flatMap((member) =>
        member
          .assignedQueues()
          .filter((queue) => queue.topic === topic)
          .map(messageQueueKey),
      );
      return keys.length === queueCount && new Set(keys).size === queueCount;
    },
    { timeoutMs: 60_000, intervalMs: 100, reason },
  );
}
