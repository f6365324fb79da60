import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ResponseCode } from '@rocketmq-ts/protocol';
import { freePort, type LocalCluster, startLocalCluster } from '@rocketmq-ts/testing';

import { MQClientError, NoRouteError } from '../errors';
import { failOnUnhandledRejections } from '../testing/unhandled-rejections';
import { Producer } from './producer';

// Every failure is a typed MQClientError with RocketMQ's code where there is one, and none of
// them leaves an unhandled rejection behind.
describe('Client > Producer > typed failures', () => {
  failOnUnhandledRejections();
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await startLocalCluster({ brokerSettings: { autoCreateTopicEnable: 'false' } });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('refuses a malformed name server address at construction, naming it', () => {
    expect(() => new Producer({ namesrvAddr: '127.0.0.1:9876;not-an-address', producerGroup: 'G' })).toThrow(
      expect.objectContaining({ name: 'MQClientError', retriable: false, message: expect.stringContaining('"not-an-address"') }),
    );
    expect(() => new Producer({ namesrvAddr: 'localhost:70000', producerGroup: 'G' })).toThrow(MQClientError);
  });

  it('names the unreachable name server address and the cause', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const producer = new Producer({ namesrvAddr: address, producerGroup: 'client_errors_wrong_namesrv' });
    await producer.start();
    try {
      const error = await producer.send({ topic: 'AnyTopic', body: 'x' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MQClientError);
      expect((error as Error).message).toContain(address);
      expect((error as Error).message).toMatch(/ECONNREFUSED/);
    } finally {
      await producer.shutdown();
    }
  });

  it('answers an unknown topic with NoRouteError TOPIC_NOT_EXIST when brokers do not auto-create topics', async () => {
    const producer = new Producer({ namesrvAddr: cluster.namesrvAddr, producerGroup: 'client_errors_no_topic' });
    await producer.start();
    try {
      const error = await producer.send({ topic: 'NoSuchTopic', body: 'x' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NoRouteError);
      expect(error).toMatchObject({ responseCode: ResponseCode.TOPIC_NOT_EXIST, topic: 'NoSuchTopic' });
      await expect(producer.sendBatch([{ topic: 'NoSuchTopic', body: 'x' }])).rejects.toBeInstanceOf(NoRouteError);
      await expect(producer.sendOneway({ topic: 'NoSuchTopic', body: 'x' })).rejects.toBeInstanceOf(NoRouteError);
    } finally {
      await producer.shutdown();
    }
  });

  it('refuses a body over maxMessageSize with MESSAGE_ILLEGAL before any network call', async () => {
    // The name server is unreachable: a network attempt would fail differently.
    const producer = new Producer({
      namesrvAddr: `127.0.0.1:${await freePort()}`,
      producerGroup: 'client_errors_too_big',
      maxMessageSize: 1_024,
    });
    await producer.start();
    try {
      await expect(producer.send({ topic: 'AnyTopic', body: randomBytes(1_025) })).rejects.toMatchObject({
        responseCode: ResponseCode.MESSAGE_ILLEGAL,
        retriable: false,
      });
      await expect(producer.sendOneway({ topic: 'AnyTopic', body: randomBytes(1_025) })).rejects.toMatchObject({
        responseCode: ResponseCode.MESSAGE_ILLEGAL,
      });
    } finally {
      await producer.shutdown();
    }
  });

  it('refuses sends before start and after shutdown', async () => {
    const producer = new Producer({ namesrvAddr: cluster.namesrvAddr, producerGroup: 'client_errors_lifecycle' });
    await expect(producer.send({ topic: 'T', body: 'x' })).rejects.toMatchObject({ name: 'MQClientError', retriable: false });
    await producer.start();
    await producer.shutdown();
    await expect(producer.sendBatch([{ topic: 'T', body: 'x' }])).rejects.toMatchObject({
      name: 'MQClientError',
      message: expect.stringContaining('shutdown'),
    });
  });
});
