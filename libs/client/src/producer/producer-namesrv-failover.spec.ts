import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LocalCluster, startLocalCluster } from '@rocketmq-ts/testing';

import { startReadyProducer } from '../testing/ready-producer';
import type { Producer } from './producer';

// Two name servers, one broker registered with both. The name server the producer uses is
// SIGKILLed: route lookups move to the other, and sends, new topics and route refreshes go on.
describe('Client > Producer > name server failover', () => {
  let cluster: LocalCluster;
  let producer: Producer;

  beforeAll(async () => {
    cluster = await startLocalCluster({ namesrvCount: 2 });
    producer = await startReadyProducer({
      namesrvAddr: cluster.namesrvAddrs,
      producerGroup: 'client_failover_group',
      routeRefreshIntervalMs: 100,
    });
  });

  afterAll(async () => {
    await producer?.shutdown();
    await cluster?.stop();
  });

  it('keeps sending after the first name server is killed', async () => {
    expect(cluster.namesrvAddrs).toHaveLength(2);
    const before = await producer.send({ topic: 'FailoverTopic', body: 'before' });
    expect(before.sendStatus).toBe('SEND_OK');

    const first = cluster.namesrvs[0]?.process;
    expect(first?.kill('SIGKILL')).toBe(true);
    expect((await first?.exited)?.signal).toBe('SIGKILL');

    // Several refresh rounds run against the dead name server meanwhile; the cached route survives them.
    for (let index = 0; index < 10; index += 1) {
      await expect(producer.send({ topic: 'FailoverTopic', body: `after ${index}` })).resolves.toMatchObject({ sendStatus: 'SEND_OK' });
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    // A topic never looked up before needs the name server: the second one answers.
    const fresh = await producer.send({ topic: `FailoverNewTopic_${Date.now()}`, body: 'new topic' });
    expect(fresh).toMatchObject({ sendStatus: 'SEND_OK', queueOffset: 0 });
    const batch = await producer.sendBatch([{ topic: `FailoverBatchTopic_${Date.now()}`, body: 'batch' }]);
    expect(batch.sendStatus).toBe('SEND_OK');
  });
});
