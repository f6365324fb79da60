import { beforeAll, describe, expect, it } from 'vitest';

import { withLogsOnFailure } from '@rocketmq-ts/testing';

import { type RunningNamesrv, startBroker, startNamesrv } from './support/cluster';
import { record, runJava, sendLines, stringList } from './support/java-client';
import { unique, useProcessHygiene } from './support/suite-hooks';

/** The official Java client 5.3.3 (tools/interop/java) against bin/mqnamesrv and bin/mqbroker. */
describe('Broker > e2e > Java client 5.3.3', () => {
  useProcessHygiene();
  let namesrv: RunningNamesrv;
  const topic = unique('java_topic');
  const count = 40;
  let sent: Array<Readonly<Record<string, unknown>>> = [];

  beforeAll(async () => {
    await withLogsOnFailure(async () => {
      namesrv = await startNamesrv();
      await startBroker(namesrv, unique('java_broker'));
      // The quickstart producer: the topic does not exist and is auto-created from TBW102.
      const producer = await runJava(
        'InteropProducer',
        ['-n', namesrv.address, '-t', topic, '-c', String(count), '--key-prefix', 'jk'],
        120_000,
      );
      expect(producer.summary['sendOk']).toBe(count);
      sent = sendLines(producer);
    });
  });

  it('a push consumer receives every message the quickstart producer sent', async () => {
    const consumer = await runJava(
      'InteropConsumer',
      ['-n', namesrv.address, '-t', topic, '-g', unique('java_push'), '-c', String(count), '--timeout-ms', '90000'],
      150_000,
    );
    expect(consumer.summary['complete']).toBe(true);
    expect(new Set(stringList(consumer.summary['msgIds'], 'msgIds'))).toEqual(new Set(sent.map((line) => line['msgId'])));
  });

  it("an orderly consumer sees each queue's messages in send order", async () => {
    const consumer = await runJava(
      'InteropOrderlyConsumer',
      ['-n', namesrv.address, '-t', topic, '-g', unique('java_orderly'), '-c', String(count), '--timeout-ms', '90000'],
      150_000,
    );
    expect(consumer.summary['complete']).toBe(true);
    const consumedByQueue = record(consumer.summary['queues'], 'queues');
    const sentByQueue = new Map<string, string[]>();
    for (const line of sent)
      sentByQueue.set(String(line['queueId']), [...(sentByQueue.get(String(line['queueId'])) ?? []), String(line['key'])]);
    expect(Object.keys(consumedByQueue).sort()).toEqual([...sentByQueue.keys()].sort());
    for (const [queueId, keys] of sentByQueue) expect(stringList(consumedByQueue[queueId], `queue ${queueId}`)).toEqual(keys);
  });

  it('finds a message by key (QUERY_MESSAGE) and by offsetMsgId (VIEW_MESSAGE_BY_ID)', async () => {
    const target = sent[7] ?? {};
    const query = await runJava(
      'InteropQuery',
      ['-n', namesrv.address, '-t', topic, '--key', String(target['key']), '--offset-msg-id', String(target['offsetMsgId'])],
      60_000,
    );
    expect(query.exitCode).toBe(0);
    const byKey = query.summary['byKey'];
    expect(Array.isArray(byKey) ? byKey.map((found) => record(found, 'byKey[]')['msgId']) : byKey).toEqual([target['msgId']]);
    expect(record(query.summary['byId'], 'byId')).toMatchObject({ msgId: target['msgId'], keys: target['key'], topic });
  });
});
