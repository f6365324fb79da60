import { describe, expect, it } from 'vitest';

import type { MessageQueue } from '@rocketmq-ts/model';
import { createTopic } from '@rocketmq-ts/testing';

import { sendNumbered } from '../testing/consumer-fixtures';
import { consumerSpecCluster } from '../testing/consumer-spec-cluster';
import { LitePullConsumer, type LitePullConsumerOptions } from './lite-pull-consumer';
import type { MessageExt } from './message-ext';

// The lite pull consumer against a real name server and broker (child processes) over TCP.

describe('Client > LitePullConsumer', () => {
  const spec = consumerSpecCluster({
    producerGroup: 'lite_spec_producer',
    create: (base, options: Partial<LitePullConsumerOptions> & { consumerGroup: string }) => new LitePullConsumer({ ...base, ...options }),
  });
  const { consumer } = spec;

  async function pollUntil(lite: LitePullConsumer, count: number): Promise<MessageExt[]> {
    const polled: MessageExt[] = [];
    const deadline = Date.now() + 20_000;
    while (polled.length < count && Date.now() < deadline) polled.push(...(await lite.poll({ timeoutMs: 1_000 })));
    return polled;
  }

  it('subscribe: polls every message of the topic; commit() stores the polled offsets', async () => {
    const topic = 'LiteSubscribeTopic';
    await createTopic(spec.cluster, topic, 2);
    const lite = consumer({ consumerGroup: 'lite_spec_subscribe', autoCommit: false });
    lite.subscribe(topic, 'TagL');
    await lite.start();
    // Other tags first: a pull parked at the end of a queue is not woken by a message it filters out.
    await sendNumbered(spec.producer, topic, 'other', 4, 'TagOther');
    const sent = await sendNumbered(spec.producer, topic, 'lite', 20, 'TagL');
    const polled = await pollUntil(lite, sent.length);
    expect(polled.map((message) => message.body.toString()).sort()).toEqual([...sent].sort());
    expect(await lite.poll({ timeoutMs: 300 })).toEqual([]);
    const queues = lite.assignedQueues();
    expect(queues).toHaveLength(2);
    await lite.commit();
    const committed = await Promise.all(queues.map((queue) => lite.committed(queue)));
    expect(committed.reduce((sum: number, offset) => sum + (offset ?? 0), 0)).toBe(24);
  });

  it('assign + seek: re-reads a queue from an earlier offset', async () => {
    const topic = 'LiteAssignTopic';
    await createTopic(spec.cluster, topic, 1);
    const sent = await sendNumbered(spec.producer, topic, 'assigned', 6);
    const queue: MessageQueue = { topic, brokerName: spec.cluster.brokerName, queueId: 0 };
    const lite = consumer({ consumerGroup: 'lite_spec_assign' });
    lite.assign([queue]);
    await lite.start();
    const first = await pollUntil(lite, 6);
    expect(first.map((message) => message.body.toString())).toEqual(sent);
    await lite.seek(queue, 4);
    const again = await pollUntil(lite, 2);
    expect(again.map((message) => message.queueOffset)).toEqual([4, 5]);
    await expect(lite.seek(queue, 99)).rejects.toThrow(/outside/);
  });

  it('poll honours an AbortSignal; the async iterator yields batches and ends at shutdown', async () => {
    const topic = 'LiteIteratorTopic';
    await createTopic(spec.cluster, topic, 2);
    const lite = consumer({ consumerGroup: 'lite_spec_iterator', pollTimeoutMs: 200 });
    lite.subscribe(topic);
    await lite.start();
    const controller = new AbortController();
    const waiting = lite.poll({ timeoutMs: 10_000, signal: controller.signal });
    controller.abort(new Error('stop waiting'));
    await expect(waiting).rejects.toThrow('stop waiting');

    const sent = await sendNumbered(spec.producer, topic, 'iterated', 10);
    const seen: string[] = [];
    for await (const batch of lite) {
      seen.push(...batch.map((message) => message.body.toString()));
      if (seen.length >= sent.length) void lite.shutdown();
    }
    expect(seen.sort()).toEqual([...sent].sort());
  });

  it('auto-commit: a restarted consumer of the group resumes after what was polled', async () => {
    const topic = 'LiteAutoCommitTopic';
    await createTopic(spec.cluster, topic, 2);
    const group = 'lite_spec_autocommit';
    const firstRun = consumer({ consumerGroup: group });
    firstRun.subscribe(topic);
    await firstRun.start();
    const before = await sendNumbered(spec.producer, topic, 'before', 10);
    expect((await pollUntil(firstRun, before.length)).length).toBe(before.length);
    await firstRun.shutdown();

    const after = await sendNumbered(spec.producer, topic, 'after', 6);
    const secondRun = consumer({ consumerGroup: group });
    secondRun.subscribe(topic);
    await secondRun.start();
    const polled = await pollUntil(secondRun, after.length);
    expect(await secondRun.poll({ timeoutMs: 500 })).toEqual([]);
    expect(polled.map((message) => message.body.toString()).sort()).toEqual([...after].sort());
  });
});
