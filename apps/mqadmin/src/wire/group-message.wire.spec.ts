import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MQAdmin, type MessageExt, Producer, PushConsumer, type SendResult } from '@rocketmq-ts/client';
import { type LocalCluster, startLocalCluster, waitFor } from '@rocketmq-ts/testing';

import { mqadminJson, mqadminText, runMqadmin } from '../testing/run-mqadmin';

// bin/mqadmin against a group with a live consumer and producer: progress, connections, message
// queries, consumeMessage, sendMessage and resetOffsetByTime, which the live consumer must follow.
const TOPIC = 'AdminMsgTopic';
const GROUP = 'AdminConsumerGroup';
const PRODUCER_GROUP = 'AdminProducerGroup';

interface JsonMessage {
  readonly msgId: string;
  readonly offsetMsgId: string;
  readonly queueId: number;
  readonly queueOffset: number;
  readonly keys: string[];
  readonly body: string;
}

describe('mqadmin > wire > groups and messages', () => {
  let cluster: LocalCluster;
  let n: string[];
  let admin: MQAdmin;
  let producer: Producer;
  let consumer: PushConsumer;
  const sent: SendResult[] = [];
  const received: MessageExt[] = [];

  beforeAll(async () => {
    cluster = await startLocalCluster({ label: 'mqadmin-spec', brokerName: 'mqadmin-spec-broker' });
    n = ['-n', cluster.namesrvAddr];
    admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
    await waitFor(async () => (await admin.clusterList().catch(() => [])).length === 1, {
      timeoutMs: 20_000,
      reason: 'the broker registered',
    });
    await admin.createOrUpdateTopic({ topic: TOPIC, readQueueNums: 2, writeQueueNums: 2 }, { brokerAddr: cluster.brokerAddr });
    producer = new Producer({ namesrvAddr: cluster.namesrvAddr, producerGroup: PRODUCER_GROUP });
    await producer.start();
    for (let i = 0; i < 4; i++) sent.push(await producer.send({ topic: TOPIC, body: `body-${i}`, keys: `order-${i}`, tags: 'TagA' }));
    consumer = new PushConsumer({
      namesrvAddr: cluster.namesrvAddr,
      consumerGroup: GROUP,
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      persistConsumerOffsetIntervalMs: 200,
    });
    consumer.subscribe(TOPIC, '*');
    consumer.onMessage(async (message) => void received.push(message));
    await consumer.start();
    await waitFor(
      async () => received.length >= 4 && (await admin.consumerProgress(GROUP, TOPIC).catch(() => undefined))?.diffTotal === 0,
      { timeoutMs: 30_000, reason: 'the group consumed and committed all four' },
    );
  }, 150_000);

  afterAll(async () => {
    await consumer?.shutdown();
    await producer?.shutdown();
    await admin?.close();
    await cluster?.stop();
  });

  it('consumerProgress prints lag per queue and the totals, as a table and as JSON', async () => {
    const lines = (await mqadminText(['consumerProgress', ...n, '-g', GROUP, '-t', TOPIC])).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^#Topic\s+#Broker Name\s+#QID\s+#Broker Offset\s+#Consumer Offset\s+#Diff\s+#Inflight\s+#LastTime$/);
    const perQueue = [0, 1].map((queueId) => sent.filter((one) => one.messageQueue.queueId === queueId).length);
    for (const queueId of [0, 1]) {
      const count = perQueue[queueId] as number;
      expect(lines[1 + queueId]).toMatch(
        new RegExp(
          `^${TOPIC}\\s+${cluster.brokerName}\\s+${queueId}\\s+${count}\\s+${count}\\s+0\\s+0\\s+(\\d{4}-\\d{2}-\\d{2} [\\d:,]+|N/A)$`,
        ),
      );
    }
    expect(lines.slice(3)).toEqual(['', 'Consume TPS: 0.00', 'Consume Diff Total: 0', 'Consume Inflight Total: 0']);

    const json = await mqadminJson<{ group: string; queues: Array<Record<string, number | string>>; diffTotal: number }>([
      'consumerProgress',
      ...n,
      '-g',
      GROUP,
      '-t',
      TOPIC,
    ]);
    expect(json.group).toBe(GROUP);
    expect(json.diffTotal).toBe(0);
    expect(json.queues.map(({ queueId, brokerOffset, consumerOffset, diff }) => [queueId, brokerOffset, consumerOffset, diff])).toEqual([
      [0, perQueue[0], perQueue[0], 0],
      [1, perQueue[1], perQueue[1], 0],
    ]);
    expect((await runMqadmin(['consumerProgress', ...n, '-g', 'NobodyGroup'])).exitCode).toBe(2);
  });

  it('consumerConnection and producerConnection list the live clients', async () => {
    const consumers = await mqadminJson<{ connections: Array<Record<string, unknown>>; subscriptions: unknown[]; messageModel: string }>([
      'consumerConnection',
      ...n,
      '-g',
      GROUP,
    ]);
    expect(consumers.connections).toEqual([
      expect.objectContaining({ clientId: consumer.clientId, clientAddr: expect.stringMatching(/^127\.0\.0\.1:\d+$/) }),
    ]);
    expect(consumers.subscriptions).toContainEqual({ topic: TOPIC, subExpression: '*', expressionType: 'TAG' });
    expect(consumers.messageModel).toBe('CLUSTERING');
    expect((await runMqadmin(['consumerConnection', ...n, '-g', 'NobodyGroup'])).exitCode).toBe(2);

    const producers = await mqadminJson<{ connections: Array<Record<string, unknown>> }>([
      'producerConnection',
      ...n,
      '-g',
      PRODUCER_GROUP,
      '-t',
      TOPIC,
    ]);
    expect(producers.connections).toEqual([expect.objectContaining({ clientAddr: expect.stringMatching(/^127\.0\.0\.1:\d+$/) })]);
  });

  it('queryMsgById finds a message by offsetMsgId, and by the producer msgId with -t', async () => {
    const target = sent[1] as SendResult;
    const byOffsetId = await mqadminJson<{ messages: JsonMessage[] }>(['queryMsgById', ...n, '-i', target.offsetMsgId]);
    expect(byOffsetId.messages).toEqual([
      expect.objectContaining({ msgId: target.msgId, offsetMsgId: target.offsetMsgId, body: 'body-1', keys: ['order-1'] }),
    ]);
    const byMsgId = await mqadminJson<{ messages: JsonMessage[] }>(['queryMsgById', ...n, '-i', target.msgId, '-t', TOPIC]);
    expect(byMsgId.messages.map((one) => [one.msgId, one.body])).toEqual([[target.msgId, 'body-1']]);
  });

  it('queryMsgByKey finds the message with that key; queryMsgByOffset the one at that offset', async () => {
    const byKey = await mqadminJson<{ messages: JsonMessage[] }>(['queryMsgByKey', ...n, '-t', TOPIC, '-k', 'order-2']);
    expect(byKey.messages.map((one) => [one.msgId, one.body])).toEqual([[sent[2]?.msgId, 'body-2']]);
    expect((await runMqadmin(['queryMsgByKey', ...n, '-t', TOPIC, '-k', 'no-such-key'])).exitCode).toBe(2);

    const target = sent[3] as SendResult;
    const args = ['-t', TOPIC, '-b', cluster.brokerName, '-i', String(target.messageQueue.queueId), '-o', String(target.queueOffset)];
    const byOffset = await mqadminJson<{ message: JsonMessage }>(['queryMsgByOffset', ...n, ...args]);
    expect([byOffset.message.msgId, byOffset.message.body]).toEqual([target.msgId, 'body-3']);
  });

  it('consumeMessage reads every queue, one queue from an offset, or a time range, without committing', async () => {
    const all = await mqadminJson<{ messages: JsonMessage[] }>(['consumeMessage', ...n, '-t', TOPIC]);
    expect(all.messages.map((one) => one.body).sort()).toEqual(['body-0', 'body-1', 'body-2', 'body-3']);
    const first = sent[0] as SendResult;
    const fromOffset = await mqadminJson<{ messages: JsonMessage[] }>([
      'consumeMessage',
      ...n,
      '-t',
      TOPIC,
      '-b',
      cluster.brokerName,
      '-i',
      String(first.messageQueue.queueId),
      '-o',
      '1',
      '-c',
      '1',
    ]);
    expect(fromOffset.messages.map((one) => [one.queueId, one.queueOffset])).toEqual([[first.messageQueue.queueId, 1]]);
    const future = await mqadminJson<{ messages: JsonMessage[] }>(['consumeMessage', ...n, '-t', TOPIC, '-s', String(Date.now() + 60_000)]);
    expect(future.messages).toEqual([]);
    expect((await admin.consumerProgress(GROUP, TOPIC)).diffTotal).toBe(0);
  });

  it('sendMessage sends one message to the chosen queue', async () => {
    const result = await mqadminJson<SendResult>([
      'sendMessage',
      ...n,
      '-t',
      TOPIC,
      '-p',
      'from-cli',
      '-k',
      'cli-key',
      '-c',
      'TagB',
      '-b',
      cluster.brokerName,
      '-i',
      '0',
    ]);
    expect(result).toMatchObject({ sendStatus: 'SEND_OK', messageQueue: { topic: TOPIC, brokerName: cluster.brokerName, queueId: 0 } });
    await waitFor(() => received.some((message) => message.msgId === result.msgId), {
      timeoutMs: 20_000,
      reason: 'the consumer receives the CLI message',
    });
  });

  it('resetOffsetByTime moves the group back and the live consumer consumes again', async () => {
    const before = received.length;
    const reset = await mqadminJson<{ offsets: Array<{ queueId: number; offset: number }> }>([
      'resetOffsetByTime',
      ...n,
      '-g',
      GROUP,
      '-t',
      TOPIC,
      '-s',
      '0',
    ]);
    expect(reset.offsets).toEqual([
      { brokerName: cluster.brokerName, queueId: 0, offset: 0 },
      { brokerName: cluster.brokerName, queueId: 1, offset: 0 },
    ]);
    await waitFor(() => received.length >= before + 5, { timeoutMs: 30_000, reason: 'the consumer re-consumes all five messages' });
    expect(
      received
        .slice(before)
        .map((message) => message.body.toString())
        .sort(),
    ).toEqual(['body-0', 'body-1', 'body-2', 'body-3', 'from-cli']);
  });
});
