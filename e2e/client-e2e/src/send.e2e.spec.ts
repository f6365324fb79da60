import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Producer } from '@rocketmq-ts/client';
import { parseMessageProperties } from '@rocketmq-ts/model';
import { pullRecords, waitFor } from '@rocketmq-ts/testing';

import { BROKER_KINDS, type ClientCluster, startClientCluster } from './support/cluster';
import { useProcessHygiene, unique } from './support/hygiene';
import { createTopic } from './support/remoting-admin';

useProcessHygiene();

describe.each(BROKER_KINDS)('the TypeScript producer against the %s broker', (kind) => {
  let cluster: ClientCluster;
  let producer: Producer;

  beforeAll(async () => {
    cluster = await startClientCluster(kind);
    producer = new Producer({ namesrvAddr: cluster.namesrvAddr, producerGroup: unique('send_pg') });
    await producer.start();
  });
  afterAll(async () => {
    await producer?.shutdown();
  });

  it('stores tags, keys and user properties where a consumer finds them', async () => {
    const topic = unique('send_props');
    await createTopic(cluster, topic, 2);
    const result = await producer.send({ topic, body: 'hello', tags: 'TagA', keys: ['k1', 'k2'], properties: { origin: 'client-e2e' } });
    expect(result.sendStatus).toBe('SEND_OK');
    expect(result.messageQueue.brokerName).toBe(cluster.brokerName);
    const [record] = await pullRecords(cluster.brokerAddr, topic, result.messageQueue.queueId, result.queueOffset);
    expect(record?.body.toString()).toBe('hello');
    const properties = parseMessageProperties(record?.properties ?? '');
    expect(properties.get('TAGS')).toBe('TagA');
    expect(properties.get('KEYS')).toBe('k1 k2');
    expect(properties.get('origin')).toBe('client-e2e');
    expect(properties.get('UNIQ_KEY')).toBe(result.msgId);
  });

  it('spreads sends over every queue and answers each with its own offset', async () => {
    const topic = unique('send_spread');
    await createTopic(cluster, topic, 4);
    const results = [];
    for (let index = 0; index < 40; index += 1) results.push(await producer.send({ topic, body: `m${index}` }));
    const perQueue = new Map<number, number[]>();
    for (const result of results)
      perQueue.set(result.messageQueue.queueId, [...(perQueue.get(result.messageQueue.queueId) ?? []), result.queueOffset]);
    expect([...perQueue.keys()].sort()).toEqual([0, 1, 2, 3]);
    for (const offsets of perQueue.values()) expect(offsets).toEqual(offsets.map((_, index) => index));
  });

  it('delivers one-way sends although the broker does not answer them', async () => {
    const topic = unique('send_oneway');
    await createTopic(cluster, topic, 1);
    for (let index = 0; index < 5; index += 1) await producer.sendOneway({ topic, body: `oneway-${index}` });
    const bodies = await waitForRecords(cluster, topic, 5);
    expect(bodies.sort()).toEqual(['oneway-0', 'oneway-1', 'oneway-2', 'oneway-3', 'oneway-4']);
  });
});

/** The bodies in queue 0 once there are `count` of them. */
async function waitForRecords(cluster: ClientCluster, topic: string, count: number): Promise<string[]> {
  return waitFor(
    async () => {
      const records = await pullRecords(cluster.brokerAddr, topic, 0, 0);
      return records.length >= count ? records.map((record) => record.body.toString()) : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 200, reason: `${count} one-way messages in ${topic}` },
  );
}
