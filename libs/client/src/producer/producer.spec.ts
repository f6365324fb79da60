import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeOffsetMessageId, formatSocketAddress } from '@rocketmq-ts/model';
import { ResponseCode } from '@rocketmq-ts/protocol';
import { dumpLogs, freePort, type LocalCluster, startLocalCluster } from '@rocketmq-ts/testing';

import { MQBrokerError, MQClientError } from '../errors';
import { activeHandleBaseline, handlesGrownSince } from '../testing/active-handles';
import { startReadyProducer } from '../testing/ready-producer';
import { failOnUnhandledRejections } from '../testing/unhandled-rejections';
import { Producer } from './producer';

// The producer against a real name server and broker (child processes) over TCP.

const BROKER_MAX_MESSAGE_SIZE = 4096;

describe('Client > Producer > send', () => {
  failOnUnhandledRejections();
  let cluster: LocalCluster;
  let producer: Producer;

  beforeAll(async () => {
    cluster = await startLocalCluster({ brokerSettings: { maxMessageSize: String(BROKER_MAX_MESSAGE_SIZE) } });
    producer = await startReadyProducer({ namesrvAddr: cluster.namesrvAddr, producerGroup: 'client_spec_group' });
  });

  afterAll(async () => {
    await producer?.shutdown();
    await cluster?.stop();
  });

  it('sends N messages with tags and keys; SendResult carries UNIQ_KEY, queue, offsets, and an offsetMsgId of this broker', async () => {
    const topic = 'ClientSpecTopic';
    const results = [];
    for (let index = 0; index < 12; index += 1) {
      results.push(await producer.send({ topic, body: `hello ${index}`, tags: 'TagA', keys: [`key-${index}`, 'shared'] }));
    }
    try {
      for (const result of results) {
        expect(result.sendStatus).toBe('SEND_OK');
        expect(result.msgId).toMatch(/^[0-9A-F]{32}$/);
        expect(result.messageQueue).toMatchObject({ topic, brokerName: cluster.brokerName });
        expect(formatSocketAddress(decodeOffsetMessageId(result.offsetMsgId).storeHost)).toBe(cluster.brokerAddr);
      }
      expect(new Set(results.map((result) => result.msgId)).size).toBe(results.length);
      // Round robin over the 4 auto-created queues: 12 sends give offsets 0, 1, 2 on each queue.
      const perQueue = new Map<number, number[]>();
      for (const result of results)
        perQueue.set(result.messageQueue.queueId, [...(perQueue.get(result.messageQueue.queueId) ?? []), result.queueOffset]);
      expect([...perQueue.keys()].sort()).toEqual([0, 1, 2, 3]);
      for (const offsets of perQueue.values()) expect(offsets).toEqual([0, 1, 2]);
    } catch (error) {
      process.stderr.write(dumpLogs());
      throw error;
    }
  });

  it('creates an unknown topic through the TBW102 route with at most 4 queues', async () => {
    const topic = `AutoCreated_${Date.now()}`;
    const result = await producer.send({ topic, body: Buffer.from([1, 2, 3]) });
    expect(result.sendStatus).toBe('SEND_OK');
    expect(result.messageQueue.queueId).toBeLessThan(4);
    expect(result.queueOffset).toBe(0);
  });

  it('refuses a message over the broker size limit with MQBrokerError code 13 (not retried)', async () => {
    // Random bytes: a compressible body would be deflated below the limit.
    const error = await producer
      .send({ topic: 'ClientSpecTopic', body: randomBytes(BROKER_MAX_MESSAGE_SIZE + 1) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MQBrokerError);
    expect(error).toMatchObject({ responseCode: ResponseCode.MESSAGE_ILLEGAL, retriable: false, brokerAddr: cluster.brokerAddr });
  });

  it('sends one-way without waiting for an answer', async () => {
    await expect(producer.sendOneway({ topic: 'ClientSpecTopic', body: 'oneway', tags: 'TagB' })).resolves.toBeUndefined();
  });

  it('fails over to the next name server when the first cannot be reached', async () => {
    const dead = `127.0.0.1:${await freePort()}`;
    const other = new Producer({ namesrvAddr: [dead, cluster.namesrvAddr], producerGroup: 'client_spec_failover' });
    await other.start();
    try {
      await expect(other.send({ topic: 'ClientSpecTopic', body: 'via the second name server' })).resolves.toMatchObject({
        sendStatus: 'SEND_OK',
      });
    } finally {
      await other.shutdown();
    }
  });

  it('gives a typed, retriable MQClientError when no name server can be reached', async () => {
    const lonely = new Producer({ namesrvAddr: `127.0.0.1:${await freePort()}`, producerGroup: 'client_spec_lonely' });
    await lonely.start();
    try {
      const error = await lonely.send({ topic: 'ClientSpecTopic', body: 'nowhere' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MQClientError);
      expect(error).toMatchObject({ retriable: true, message: expect.stringContaining('cannot reach any name server') });
    } finally {
      await lonely.shutdown();
    }
  });

  it('rejects an invalid topic before touching the network', async () => {
    await expect(producer.send({ topic: 'bad topic!', body: 'x' })).rejects.toMatchObject({
      name: 'MQClientError',
      retriable: false,
      responseCode: ResponseCode.MESSAGE_ILLEGAL,
    });
  });

  it('leaves no active handles after shutdown, after sends and after a failed lookup', async () => {
    // Earlier tests may still be tearing down a refused connect; start from a quiet baseline.
    const before = await activeHandleBaseline();
    const transient = new Producer({ namesrvAddr: cluster.namesrvAddr, producerGroup: 'client_spec_handles' });
    await transient.start();
    await transient.send({ topic: 'ClientSpecTopic', body: 'then shut down' });
    await transient.shutdown();
    const lonely = new Producer({ namesrvAddr: `127.0.0.1:${await freePort()}`, producerGroup: 'client_spec_handles_lonely' });
    await lonely.start();
    await expect(lonely.send({ topic: 'ClientSpecTopic', body: 'nowhere' })).rejects.toBeInstanceOf(MQClientError);
    await lonely.shutdown();
    expect(await handlesGrownSince(before)).toEqual([]);
  });
});
