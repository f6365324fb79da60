import { inflateSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { compressionTypeOf, MessageConst, MessageSysFlag } from '@rocketmq-ts/model';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { type LocalCluster, startLocalCluster } from '@rocketmq-ts/testing';

import { pullQueueUntil } from '../testing/pull-queue';
import { startReadyProducer } from '../testing/ready-producer';
import type { Producer } from './producer';

// Bodies over compressMsgBodyOverHowmuch travel and are stored zlib-deflated with sysFlag bit 0,
// as Java producers store them; small bodies and batches go as they are.
describe('Client > Producer > body compression', () => {
  let cluster: LocalCluster;
  let producer: Producer;
  const reader = new RemotingClient();

  beforeAll(async () => {
    cluster = await startLocalCluster();
    producer = await startReadyProducer({ namesrvAddr: cluster.namesrvAddr, producerGroup: 'client_compression_group' });
  });

  afterAll(async () => {
    await reader.close();
    await producer?.shutdown();
    await cluster?.stop();
  });

  it('stores a body over 4 KiB deflated with the COMPRESSED flag, and one of 4 KiB as it is', async () => {
    const topic = `CompressionTopic_${Date.now()}`;
    const large = Buffer.from('rocketmq '.repeat(2_000));
    const small = Buffer.alloc(4_096, 0x61);
    const largeResult = await producer.send({ topic, body: large, tags: 'Big' }, { shardingKey: 'same-queue' });
    await producer.send({ topic, body: small, tags: 'Small' }, { shardingKey: 'same-queue' });
    const [storedLarge, storedSmall] = await pullQueueUntil(
      {
        remoting: reader,
        brokerAddr: cluster.brokerAddr,
        topic,
        queueId: largeResult.messageQueue.queueId,
        offset: largeResult.queueOffset,
      },
      (found) => found.length >= 2,
    );
    expect((storedLarge?.record.sysFlag ?? 0) & MessageSysFlag.COMPRESSED).toBe(MessageSysFlag.COMPRESSED);
    expect(compressionTypeOf(storedLarge?.record.sysFlag ?? 0)).toBe('ZLIB');
    expect(storedLarge?.record.body.length).toBeLessThan(large.length / 10);
    expect(inflateSync(storedLarge?.record.body ?? Buffer.alloc(0))).toEqual(large);
    expect(storedLarge?.properties.get(MessageConst.PROPERTY_TAGS)).toBe('Big');
    expect((storedSmall?.record.sysFlag ?? -1) & MessageSysFlag.COMPRESSED).toBe(0);
    expect(storedSmall?.record.body).toEqual(small);
  });

  it('never compresses a batch', async () => {
    const topic = `CompressionBatchTopic_${Date.now()}`;
    const body = Buffer.from('batch '.repeat(1_500));
    const result = await producer.sendBatch([{ topic, body }]);
    const [stored] = await pullQueueUntil(
      { remoting: reader, brokerAddr: cluster.brokerAddr, topic, queueId: result.messageQueue.queueId, offset: result.queueOffset },
      (found) => found.length >= 1,
    );
    expect((stored?.record.sysFlag ?? -1) & MessageSysFlag.COMPRESSED).toBe(0);
    expect(stored?.record.body).toEqual(body);
  });

  it('honours a custom threshold', async () => {
    const eager = await startReadyProducer({
      namesrvAddr: cluster.namesrvAddr,
      producerGroup: 'client_compression_eager',
      compressMsgBodyOverHowmuch: 64,
    });
    try {
      const topic = `CompressionEagerTopic_${Date.now()}`;
      const body = 'x'.repeat(200);
      const result = await eager.send({ topic, body });
      const [stored] = await pullQueueUntil(
        { remoting: reader, brokerAddr: cluster.brokerAddr, topic, queueId: result.messageQueue.queueId, offset: result.queueOffset },
        (found) => found.length >= 1,
      );
      expect((stored?.record.sysFlag ?? 0) & MessageSysFlag.COMPRESSED).toBe(MessageSysFlag.COMPRESSED);
      expect(inflateSync(stored?.record.body ?? Buffer.alloc(0)).toString()).toBe(body);
    } finally {
      await eager.shutdown();
    }
  });
});
