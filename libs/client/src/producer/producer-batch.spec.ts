import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeOffsetMessageId, formatSocketAddress, MessageConst } from '@rocketmq-ts/model';
import { ResponseCode } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { type LocalCluster, startLocalCluster } from '@rocketmq-ts/testing';

import { pullQueueUntil } from '../testing/pull-queue';
import { startReadyProducer } from '../testing/ready-producer';
import type { Producer } from './producer';

// SEND_BATCH_MESSAGE (320) against a real broker: one request, every message stored in one queue.
describe('Client > Producer > batch send', () => {
  let cluster: LocalCluster;
  let producer: Producer;
  const reader = new RemotingClient();

  beforeAll(async () => {
    cluster = await startLocalCluster();
    producer = await startReadyProducer({ namesrvAddr: cluster.namesrvAddr, producerGroup: 'client_batch_group' });
  });

  afterAll(async () => {
    await reader.close();
    await producer?.shutdown();
    await cluster?.stop();
  });

  it('stores the messages back to back in one queue; the result carries every UNIQ_KEY and broker id', async () => {
    const topic = `BatchTopic_${Date.now()}`;
    const messages = Array.from({ length: 5 }, (_, index) => ({
      topic,
      body: `batch ${index}`,
      tags: `Tag${index % 2}`,
      keys: `key-${index}`,
      properties: { seq: String(index) },
    }));
    const result = await producer.sendBatch(messages);
    expect(result.sendStatus).toBe('SEND_OK');
    expect(result.msgIds).toHaveLength(5);
    expect(new Set(result.msgIds).size).toBe(5);
    expect(result.msgId).toBe(result.msgIds.join(','));
    expect(result.offsetMsgIds).toHaveLength(5);
    for (const id of result.offsetMsgIds) expect(formatSocketAddress(decodeOffsetMessageId(id).storeHost)).toBe(cluster.brokerAddr);
    const stored = await pullQueueUntil(
      { remoting: reader, brokerAddr: cluster.brokerAddr, topic, queueId: result.messageQueue.queueId, offset: result.queueOffset },
      (found) => found.length >= 5,
    );
    expect(stored.map((message) => message.record.body.toString())).toEqual(messages.map((message) => message.body));
    expect(stored.map((message) => message.record.queueOffset)).toEqual([0, 1, 2, 3, 4].map((step) => result.queueOffset + step));
    expect(stored.map((message) => message.properties.get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX))).toEqual(result.msgIds);
    expect(stored.map((message) => message.properties.get(MessageConst.PROPERTY_TAGS))).toEqual(['Tag0', 'Tag1', 'Tag0', 'Tag1', 'Tag0']);
    expect(stored.map((message) => message.properties.get(MessageConst.PROPERTY_KEYS))).toEqual(messages.map((message) => message.keys));
    expect(stored.map((message) => message.properties.get('seq'))).toEqual(['0', '1', '2', '3', '4']);
  });

  it('puts a batch on the queue its sharding key selects', async () => {
    const topic = `BatchShardTopic_${Date.now()}`;
    const first = await producer.sendBatch(
      [
        { topic, body: 'a' },
        { topic, body: 'b' },
      ],
      { shardingKey: 'order-1' },
    );
    const second = await producer.sendBatch([{ topic, body: 'c' }], { shardingKey: 'order-1' });
    expect(second.messageQueue).toEqual(first.messageQueue);
    expect(second.queueOffset).toBe(first.queueOffset + 2);
  });

  it('refuses an oversized batch before the wire with MESSAGE_ILLEGAL', async () => {
    const small = await startReadyProducer({
      namesrvAddr: cluster.namesrvAddr,
      producerGroup: 'client_batch_small',
      maxMessageSize: 1_000,
    });
    try {
      const messages = Array.from({ length: 4 }, () => ({ topic: 'BatchTopicTooBig', body: Buffer.alloc(300, 0x62) }));
      await expect(small.sendBatch(messages)).rejects.toMatchObject({
        name: 'MQClientError',
        responseCode: ResponseCode.MESSAGE_ILLEGAL,
        retriable: false,
      });
    } finally {
      await small.shutdown();
    }
  });
});
