import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RemotingClient } from '@rocketmq-ts/remoting';
import { type LocalCluster, startLocalCluster, waitFor } from '@rocketmq-ts/testing';

import type { Producer } from '../producer/producer';
import { startReadyProducer } from '../testing/ready-producer';
import { TopicRouteCache } from './topic-route-cache';

// The periodic refresh against a real name server: a topic first routed through TBW102 gets its
// own route once the broker has created and registered it.
describe('Client > route cache > refresh', () => {
  let cluster: LocalCluster;
  let producer: Producer;
  const remoting = new RemotingClient();

  beforeAll(async () => {
    cluster = await startLocalCluster();
    producer = await startReadyProducer({ namesrvAddr: cluster.namesrvAddr, producerGroup: 'client_route_group' });
  });

  afterAll(async () => {
    await producer?.shutdown();
    await remoting.close();
    await cluster?.stop();
  });

  it('swaps the borrowed TBW102 route for the topic’s own once it exists', async () => {
    const topic = `RefreshTopic_${Date.now()}`;
    const masters: string[][] = [];
    const cache = new TopicRouteCache({
      remoting,
      namesrvAddrs: [cluster.namesrvAddr],
      requestTimeoutMs: 3_000,
      refreshIntervalMs: 100,
      onMasters: (addrs) => masters.push([...addrs]),
    });
    cache.start();
    try {
      const borrowed = await cache.get(topic);
      expect(borrowed.fromDefaultTopic).toBe(true);
      expect(borrowed.queues).toHaveLength(4);
      expect(masters[0]).toEqual([cluster.brokerAddr]);
      await producer.send({ topic, body: 'creates the topic' });
      await waitFor(async () => !(await cache.get(topic)).fromDefaultTopic, {
        timeoutMs: 10_000,
        intervalMs: 50,
        reason: `${topic}'s own route after a refresh`,
      });
      const own = await cache.get(topic);
      expect(own.queues.map((queue) => `${queue.brokerName}/${queue.queueId}`)).toEqual(
        [0, 1, 2, 3].map((queueId) => `${cluster.brokerName}/${queueId}`),
      );
      expect(cache.masterAddrs()).toEqual([cluster.brokerAddr]);
    } finally {
      cache.stop();
    }
  });
});
