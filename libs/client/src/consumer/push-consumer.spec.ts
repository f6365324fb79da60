import { describe, expect, it } from 'vitest';

import { compareMessageQueues, type MessageQueue, messageQueueKey } from '@rocketmq-ts/model';
import { createTempDir, createTopic, dumpLogs, freePort, waitFor } from '@rocketmq-ts/testing';

import { activeHandleBaseline, handlesGrownSince } from '../testing/active-handles';
import { Received, sendNumbered } from '../testing/consumer-fixtures';
import { consumerSpecCluster } from '../testing/consumer-spec-cluster';
import { PushConsumer } from './push-consumer';

// The push consumer against a real name server and broker (child processes) over TCP.

describe('Client > PushConsumer > clustering', () => {
  const spec = consumerSpecCluster({
    producerGroup: 'push_spec_producer',
    create: (base, options: Partial<ConstructorParameters<typeof PushConsumer>[0]> & { consumerGroup: string }) =>
      new PushConsumer({ ...base, ...options }),
  });
  const { consumer } = spec;

  it('consumes every message of a 4-queue topic once, decoded with tags, keys and ids', async () => {
    const topic = 'PushClusterTopic';
    await createTopic(spec.cluster, topic, 4);
    const received = new Received();
    const pushConsumer = consumer({ consumerGroup: 'push_spec_cluster' });
    pushConsumer.subscribe(topic, '*');
    pushConsumer.onMessage((message) => received.add(message));
    await pushConsumer.start();
    try {
      const sent = await sendNumbered(spec.producer, topic, 'cluster', 40, 'TagA');
      await received.waitForAll(sent);
      expect(received.bodies().sort()).toEqual([...sent].sort());
      const first = received.messages[0];
      expect(first).toMatchObject({ topic, tags: 'TagA', brokerName: spec.cluster.brokerName, reconsumeTimes: 0 });
      expect(first?.msgId).toMatch(/^[0-9A-F]{32}$/);
      expect(first?.offsetMsgId).toMatch(/^[0-9A-F]{32}$/);
      expect(pushConsumer.assignedQueues().filter((queue) => queue.topic === topic)).toHaveLength(4);
    } catch (error) {
      process.stderr.write(dumpLogs());
      throw error;
    }
  });

  it('delivers only the subscribed tags (broker hash filter plus the client check)', async () => {
    const topic = 'PushTagTopic';
    await createTopic(spec.cluster, topic, 2);
    const received = new Received();
    const pushConsumer = consumer({ consumerGroup: 'push_spec_tags' });
    pushConsumer.subscribe(topic, 'TagA || TagC');
    pushConsumer.onMessage((message) => received.add(message));
    await pushConsumer.start();
    const wanted: string[] = [];
    for (const tag of ['TagA', 'TagB', 'TagC']) {
      const bodies = await sendNumbered(spec.producer, topic, tag, 5, tag);
      if (tag !== 'TagB') wanted.push(...bodies);
    }
    await received.waitForAll(wanted);
    await settle();
    expect(new Set(received.messages.map((message) => message.tags))).toEqual(new Set(['TagA', 'TagC']));
    expect(received.bodies().sort()).toEqual(wanted.sort());
  });

  it('broadcasting: two members of one group each receive every message; offsets land in a local file', async () => {
    const topic = 'PushBroadcastTopic';
    await createTopic(spec.cluster, topic, 4);
    const dir = createTempDir('push-spec-offsets');
    try {
      const receivedBy = [new Received(), new Received()];
      const members = receivedBy.map((received) => {
        const member = consumer({ consumerGroup: 'push_spec_broadcast', messageModel: 'BROADCASTING', offsetStoreDir: dir.path });
        member.subscribe(topic);
        member.onMessage((message) => received.add(message));
        return member;
      });
      for (const member of members) await member.start();
      const sent = await sendNumbered(spec.producer, topic, 'broadcast', 20);
      for (const received of receivedBy) await received.waitForAll(sent);
      for (const received of receivedBy) expect(received.bodies().sort()).toEqual([...sent].sort());
      for (const member of members) expect(member.assignedQueues().filter((queue) => queue.topic === topic)).toHaveLength(4);
      const [first] = members;
      await first?.shutdown();
      const { readFileSync } = await import('node:fs');
      const file = readFileSync(`${dir.path}/${first?.clientId ?? ''}/push_spec_broadcast/offsets.json`, 'utf8');
      expect(file).toContain(`"topic":"${topic}"`);
    } finally {
      dir.remove();
    }
  });

  it('keeps committed offsets across a restart: nothing redelivered, nothing lost', async () => {
    const topic = 'PushRestartTopic';
    await createTopic(spec.cluster, topic, 4);
    const group = 'push_spec_restart';
    const before = new Received();
    const firstRun = consumer({ consumerGroup: group });
    firstRun.subscribe(topic);
    firstRun.onMessage((message) => before.add(message));
    await firstRun.start();
    const firstBatch = await sendNumbered(spec.producer, topic, 'before', 20);
    await before.waitForAll(firstBatch);
    await firstRun.shutdown();

    const secondBatch = await sendNumbered(spec.producer, topic, 'after', 12);
    const after = new Received();
    const secondRun = consumer({ consumerGroup: group });
    secondRun.subscribe(topic);
    secondRun.onMessage((message) => after.add(message));
    await secondRun.start();
    await after.waitForAll(secondBatch);
    await settle();
    expect(after.bodies().sort()).toEqual([...secondBatch].sort());
  });

  it('rebalances when a third member joins a group of two: each queue has exactly one owner, nothing lost', async () => {
    const topic = 'PushRebalanceTopic';
    await createTopic(spec.cluster, topic, 4);
    const group = 'push_spec_rebalance';
    const received = new Received();
    const start = async (): Promise<PushConsumer> => {
      const member = consumer({ consumerGroup: group });
      member.subscribe(topic);
      member.onMessage((message) => received.add(message));
      await member.start();
      return member;
    };
    const members = [await start(), await start()];
    await waitForOwnership(members, topic, 4);
    const early = await sendNumbered(spec.producer, topic, 'early', 12);
    members.push(await start());
    const owners = await waitForOwnership(members, topic, 4);
    expect(owners.map((owned) => owned.length).sort()).toEqual([1, 1, 2]);
    const late = await sendNumbered(spec.producer, topic, 'late', 24);
    await received.waitForAll([...early, ...late]);

    // A member leaving (UNREGISTER_CLIENT) hands its queues to the others.
    await members.pop()?.shutdown();
    await waitForOwnership(members, topic, 4);
    const last = await sendNumbered(spec.producer, topic, 'last', 12);
    await received.waitForAll(last);
  });

  it('fails over to the next name server when the first cannot be reached', async () => {
    const received = new Received();
    const pushConsumer = consumer({
      namesrvAddr: [`127.0.0.1:${await freePort()}`, spec.cluster.namesrvAddr],
      consumerGroup: 'push_spec_failover',
    });
    pushConsumer.subscribe('PushClusterTopic');
    pushConsumer.onMessage((message) => received.add(message));
    await pushConsumer.start();
    await received.waitForAll(['cluster-0', 'cluster-39']);
  });

  it('leaves no active handles after shutdown', async () => {
    const before = await activeHandleBaseline();
    const transient = new PushConsumer({
      namesrvAddr: spec.cluster.namesrvAddr,
      consumerGroup: 'push_spec_handles',
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    });
    const received = new Received();
    transient.subscribe('PushClusterTopic');
    transient.onMessage((message) => received.add(message));
    await transient.start();
    await received.waitForAll(['cluster-0']);
    await transient.shutdown();
    expect(await handlesGrownSince(before)).toEqual([]);
  });
});

/** A short quiet period, to see that nothing more (a duplicate, a filtered tag) arrives. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}

/** Waits until the members' queues of `topic` are disjoint and cover all `queueNums`; returns them. */
async function waitForOwnership(members: readonly PushConsumer[], topic: string, queueNums: number): Promise<MessageQueue[][]> {
  let owners: MessageQueue[][] = [];
  await waitFor(
    () => {
      owners = members.map((member) =>
        member
          .assignedQueues()
          .filter((queue) => queue.topic === topic)
          .sort(compareMessageQueues),
      );
      const keys = owners.flat().map(messageQueueKey);
      return owners.every((owned) => owned.length > 0) && keys.length === queueNums && new Set(keys).size === queueNums;
    },
    { timeoutMs: 20_000, intervalMs: 50, reason: `${members.length} members sharing the ${queueNums} queues of ${topic}` },
  );
  return owners;
}
