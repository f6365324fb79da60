import { describe, expect, it } from 'vitest';

import { dlqTopicOf } from '@rocketmq-ts/model';
import { createTopic, waitFor } from '@rocketmq-ts/testing';

import { Received, sendNumbered } from '../testing/consumer-fixtures';
import { consumerSpecCluster } from '../testing/consumer-spec-cluster';
import type { MessageExt } from './message-ext';
import { PushConsumer } from './push-consumer';

// Retries, the DLQ and orderly consumption against a real broker whose delay levels are all 1 s,
// so that a retried message comes back within seconds rather than after 10 s, 30 s, 1 min ...

const ONE_SECOND_LEVELS = Array.from({ length: 18 }, () => '1s').join(' ');

describe('Client > PushConsumer > retries and orderly', () => {
  const spec = consumerSpecCluster({
    producerGroup: 'push_retry_spec_producer',
    clusterOptions: { brokerSettings: { messageDelayLevel: ONE_SECOND_LEVELS } },
    create: (base, options: Partial<ConstructorParameters<typeof PushConsumer>[0]> & { consumerGroup: string }) =>
      new PushConsumer({ ...base, ...options }),
  });
  const { consumer } = spec;

  async function readDeadLetters(group: string, expected: readonly string[]): Promise<MessageExt[]> {
    const dead = new Received();
    // The DLQ topic exists only once the last send-back lands, which under load can be after the
    // reader starts: a short route refresh lets the reader find it within the wait, not in 30 s.
    const reader = consumer({ consumerGroup: `${group}_dlq_reader`, routeRefreshIntervalMs: 500, rebalanceIntervalMs: 500 });
    reader.subscribe(dlqTopicOf(group));
    reader.onMessage((message) => dead.add(message));
    await reader.start();
    await dead.waitForAll(expected);
    return dead.messages;
  }

  it('retries a failing message through %RETRY% with reconsumeTimes 0, 1, 2, then moves it to %DLQ%', async () => {
    const topic = 'PushRetryTopic';
    await createTopic(spec.cluster, topic, 2);
    const group = 'push_retry_always_fails';
    const attempts: MessageExt[] = [];
    const failing = consumer({ consumerGroup: group, maxReconsumeTimes: 2 });
    failing.subscribe(topic);
    failing.onMessage((message) => {
      attempts.push(message);
      throw new Error('listener failure on purpose');
    });
    await failing.start();
    const [body] = await sendNumbered(spec.producer, topic, 'doomed', 1, 'TagR');
    await waitFor(() => attempts.length >= 3, { timeoutMs: 20_000, intervalMs: 50, reason: 'three attempts of the failing message' });
    expect(attempts.map((message) => message.reconsumeTimes)).toEqual([0, 1, 2]);
    expect(attempts.every((message) => message.topic === topic && message.body.toString() === body && message.tags === 'TagR')).toBe(true);
    const [dead] = await readDeadLetters(group, [body as string]);
    expect(dead).toMatchObject({ topic: dlqTopicOf(group), reconsumeTimes: 3 });
    expect(dead?.msgId).toBe(attempts[0]?.msgId);
    expect(attempts).toHaveLength(3);
  });

  it('consumes a RECONSUME_LATER message once more, then commits past it', async () => {
    const topic = 'PushReconsumeLaterTopic';
    await createTopic(spec.cluster, topic, 1);
    const seen: number[] = [];
    const once = consumer({ consumerGroup: 'push_retry_once' });
    once.subscribe(topic);
    once.onMessage((message) => {
      seen.push(message.reconsumeTimes);
      return message.reconsumeTimes === 0 ? 'RECONSUME_LATER' : undefined;
    });
    await once.start();
    await sendNumbered(spec.producer, topic, 'later', 1);
    await waitFor(() => seen.length >= 2, { timeoutMs: 15_000, intervalMs: 50, reason: 'the message consumed again' });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(seen).toEqual([0, 1]);
  });

  it('orderly: one queue consumed in send order; a suspended message is redelivered locally before the next', async () => {
    const topic = 'PushOrderlyTopic';
    await createTopic(spec.cluster, topic, 1);
    const order: string[] = [];
    const reconsumes: number[] = [];
    const orderly = consumer({ consumerGroup: 'push_orderly', suspendCurrentQueueTimeMillis: 100 });
    orderly.subscribe(topic);
    orderly.onMessageOrderly(async (message) => {
      const body = message.body.toString();
      order.push(body);
      if (body === 'ordered-5') {
        reconsumes.push(message.reconsumeTimes);
        if (message.reconsumeTimes < 2) return 'SUSPEND_CURRENT_QUEUE_A_MOMENT';
      }
      await new Promise((resolve) => setImmediate(resolve));
      return 'SUCCESS';
    });
    await orderly.start();
    const sent = await sendNumbered(spec.producer, topic, 'ordered', 30);
    await waitFor(() => order.includes('ordered-29'), { timeoutMs: 20_000, intervalMs: 50, reason: 'the last ordered message' });
    expect(reconsumes).toEqual([0, 1, 2]);
    expect(order.filter((body, index) => body !== order[index - 1])).toEqual(sent);
  });

  it('orderly: shutdown releases the queue lock, so the next member of the group takes the queue at once', async () => {
    const topic = 'PushOrderlyHandoverTopic';
    await createTopic(spec.cluster, topic, 1);
    const group = 'push_orderly_handover';
    const first = consumer({ consumerGroup: group });
    first.subscribe(topic);
    const firstSeen = new Received();
    first.onMessageOrderly((message) => firstSeen.add(message));
    await first.start();
    expect(first.assignedQueues().filter((queue) => queue.topic === topic)).toHaveLength(1);
    await firstSeen.waitForAll(await sendNumbered(spec.producer, topic, 'handover-a', 3));
    await first.shutdown();

    const second = consumer({ consumerGroup: group });
    second.subscribe(topic);
    const secondSeen = new Received();
    second.onMessageOrderly((message) => secondSeen.add(message));
    await second.start();
    // Without the UNLOCK the broker would hold the queue for the first member for 60 s.
    expect(second.assignedQueues().filter((queue) => queue.topic === topic)).toHaveLength(1);
    const later = await sendNumbered(spec.producer, topic, 'handover-b', 3);
    await secondSeen.waitForAll(later, 5_000);
    expect(secondSeen.bodies()).toEqual(later);
  });

  it('orderly: a message still suspended after maxReconsumeTimes goes to the DLQ and the queue moves on', async () => {
    const topic = 'PushOrderlyPoisonTopic';
    await createTopic(spec.cluster, topic, 1);
    const group = 'push_orderly_poison';
    const order: string[] = [];
    const orderly = consumer({ consumerGroup: group, maxReconsumeTimes: 2, suspendCurrentQueueTimeMillis: 100 });
    orderly.subscribe(topic);
    orderly.onMessageOrderly((message) => {
      order.push(message.body.toString());
      if (message.body.toString() === 'poison-2') throw new Error('poison');
    });
    await orderly.start();
    const sent = await sendNumbered(spec.producer, topic, 'poison', 5);
    await waitFor(() => order.includes('poison-4'), {
      timeoutMs: 20_000,
      intervalMs: 50,
      reason: 'the queue moving past the poison message',
    });
    expect(order).toEqual(['poison-0', 'poison-1', 'poison-2', 'poison-2', 'poison-2', 'poison-3', 'poison-4']);
    const dead = await readDeadLetters(group, ['poison-2']);
    expect(dead.map((message) => message.body.toString())).toEqual(['poison-2']);
    expect(sent).toHaveLength(5);
  });
});
