import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ResponseCode } from '@rocketmq-ts/protocol';
import { type LocalCluster, startLocalCluster, waitFor } from '@rocketmq-ts/testing';

import { MQAbortError, MQClientError } from '../errors';
import { type FakeBroker, type FakeNamesrv, startFakeBroker, startFakeNamesrv } from '../testing/fake-cluster';
import { startReadyProducer } from '../testing/ready-producer';
import { failOnUnhandledRejections } from '../testing/unhandled-rejections';
import { Producer } from './producer';

// send(message, { signal, timeoutMs }): an abort rejects at once with a non-retriable AbortError;
// the request already written is answered later and the answer dropped, without unhandled rejections.
const SLOW_ANSWER_MS = 1_500;

describe('Client > Producer > abort signal and per-send timeout', () => {
  failOnUnhandledRejections();
  let cluster: LocalCluster;
  let slow: FakeBroker;
  let slowNamesrv: FakeNamesrv;

  beforeAll(async () => {
    cluster = await startLocalCluster();
    slow = await startFakeBroker('slow', ResponseCode.SUCCESS, { answerDelayMs: SLOW_ANSWER_MS });
    slowNamesrv = await startFakeNamesrv([slow]);
  });

  afterAll(async () => {
    await slowNamesrv?.close();
    await slow?.close();
    await cluster?.stop();
  });

  it('rejects an already aborted send before anything is sent, against our broker', async () => {
    const producer = await startReadyProducer({ namesrvAddr: cluster.namesrvAddr, producerGroup: 'client_abort_group' });
    try {
      const controller = new AbortController();
      controller.abort(new Error('caller gave up'));
      const error = await producer
        .send({ topic: 'AbortTopic', body: 'never' }, { signal: controller.signal })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MQAbortError);
      expect(error).toBeInstanceOf(MQClientError);
      expect(error).toMatchObject({ name: 'AbortError', retriable: false, message: expect.stringContaining('caller gave up') });
      // A live signal changes nothing for a send that completes.
      await expect(producer.send({ topic: 'AbortTopic', body: 'sent' }, { signal: new AbortController().signal })).resolves.toMatchObject({
        sendStatus: 'SEND_OK',
      });
    } finally {
      await producer.shutdown();
    }
  });

  it('rejects a send in flight as soon as it is aborted, drops the late answer, and keeps working', async () => {
    const producer = new Producer({ namesrvAddr: slowNamesrv.address, producerGroup: 'client_abort_slow' });
    await producer.start();
    try {
      const controller = new AbortController();
      const sending = producer.send({ topic: 'SlowTopic', body: 'in flight' }, { signal: controller.signal });
      await waitFor(() => slow.sendTopics.length === 1, { timeoutMs: 5_000, intervalMs: 5, reason: 'the send reaching the slow broker' });
      const abortedAtMs = Date.now();
      controller.abort();
      await expect(sending).rejects.toMatchObject({ name: 'AbortError', retriable: false });
      // Well before the broker's answer: the abort, not the answer, settled the promise.
      expect(Date.now() - abortedAtMs).toBeLessThan(SLOW_ANSWER_MS / 2);
      // The broker still answers the first send; the next one is unaffected by that stray answer.
      await expect(producer.send({ topic: 'SlowTopic', body: 'after' })).resolves.toMatchObject({ sendStatus: 'SEND_OK', queueOffset: 1 });
      expect(slow.sendTopics).toHaveLength(2);
    } finally {
      await producer.shutdown();
    }
  });

  it('gives up after timeoutMs with a retriable MQClientError', async () => {
    const producer = new Producer({ namesrvAddr: slowNamesrv.address, producerGroup: 'client_abort_timeout' });
    await producer.start();
    try {
      const error = await producer.send({ topic: 'SlowTopic', body: 'too slow' }, { timeoutMs: 150 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MQClientError);
      expect(error).toMatchObject({ retriable: true, message: expect.stringContaining('within 150 ms') });
    } finally {
      await producer.shutdown();
    }
  });
});
