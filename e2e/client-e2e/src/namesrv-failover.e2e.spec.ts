import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Producer, PushConsumer } from '@rocketmq-ts/client';

import { type ClientCluster, startClientCluster } from './support/cluster';
import { bodiesFor, Collector, waitForAll } from './support/collector';
import { useProcessHygiene, unique } from './support/hygiene';
import { createTopic } from './support/remoting-admin';

useProcessHygiene();

// Our broker only: the failover is the client's, and the broker merely registers to both name servers.
describe('NameServer failover: two name servers, the first SIGKILLed', () => {
  let cluster: ClientCluster;
  let producer: Producer;
  const consumers: PushConsumer[] = [];

  beforeAll(async () => {
    cluster = await startClientCluster('ours', { namesrvCount: 2 });
    producer = new Producer({ namesrvAddr: cluster.namesrvAddr, producerGroup: unique('failover_pg') });
    await producer.start();
  });
  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.shutdown()));
    await producer?.shutdown();
  });

  async function consume(topic: string, collector: Collector): Promise<void> {
    const consumer = new PushConsumer({
      namesrvAddr: cluster.namesrvAddr,
      consumerGroup: unique('failover_cg'),
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    });
    consumer.subscribe(topic, '*');
    consumer.onMessage(collector.take);
    consumers.push(consumer);
    await consumer.start();
  }

  it('keeps producers and consumers working, and lets new topics and groups find their routes', async () => {
    const oldTopic = unique('failover_old');
    await createTopic(cluster, oldTopic, 2);
    const oldCollector = new Collector();
    await consume(oldTopic, oldCollector);
    const beforeKill = bodiesFor('before-kill', 10);
    for (const body of beforeKill) await producer.send({ topic: oldTopic, body });
    await waitForAll([oldCollector], beforeKill, 'consumed while both name servers live');

    const [first] = cluster.namesrvs;
    if (!first) throw new Error('the cluster has no name server');
    first.process.kill('SIGKILL');
    await first.process.waitForExit({ timeoutMs: 10_000, reason: 'first name server killed' });

    const afterKill = bodiesFor('after-kill', 10);
    for (const body of afterKill) await producer.send({ topic: oldTopic, body });
    await waitForAll([oldCollector], afterKill, 'the running consumer keeps consuming');

    const newTopic = unique('failover_new');
    await createTopic({ ...cluster, namesrvs: cluster.namesrvs.slice(1) }, newTopic, 2);
    const newCollector = new Collector();
    await consume(newTopic, newCollector);
    const fresh = bodiesFor('fresh', 10);
    for (const body of fresh) {
      const result = await producer.send({ topic: newTopic, body });
      expect(result.sendStatus).toBe('SEND_OK');
    }
    await waitForAll([newCollector], fresh, 'a consumer started after the kill finds its route on the second name server');
  });
});
