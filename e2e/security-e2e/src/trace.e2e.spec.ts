import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type MessageExt, Producer, PushConsumer } from '@rocketmq-ts/client';
import {
  type LocalBroker,
  type LocalNamesrv,
  runJava,
  spawnProcess,
  startLocalBroker,
  startLocalNamesrv,
  uniqueName,
  useProcessHygiene,
  waitFor,
  waitForMaster,
  WORKSPACE_ROOT,
} from '@rocketmq-ts/testing';

// Message trace end to end (docs/security.md#trace): our broker with traceTopicEnable, the official
// Java producer and consumer with enableMsgTrace, our producer and consumer with enableMsgTrace;
// then Apache's `mqadmin queryMsgTraceById` and ours read each side's records: the send and the
// consume, with their groups and hosts.
interface TraceJson {
  readonly traces: ReadonlyArray<{
    type: string;
    groupName: string;
    clientHost: string;
    costTimeMs?: number;
    success?: boolean;
    storeHost?: string;
  }>;
}

describe('Security > message trace across Java and our clients', () => {
  useProcessHygiene({ beforeEach, afterAll });
  let namesrv: LocalNamesrv;
  let broker: LocalBroker;
  const topic = uniqueName('trace_topic');

  async function apacheTrace(msgId: string): Promise<string> {
    const child = spawnProcess({
      name: 'apache mqadmin queryMsgTraceById',
      command: `${WORKSPACE_ROOT}/tools/interop/java/bin/run-admin.sh`,
      args: ['queryMsgTraceById', '-n', namesrv.addr, '-i', msgId],
      logFile: true,
    });
    await child.waitForExit({ timeoutMs: 120_000, reason: 'queryMsgTraceById' });
    return child
      .lines()
      .map((line) => line.text)
      .join('\n');
  }

  async function ourTrace(msgId: string): Promise<TraceJson> {
    const child = spawnProcess({
      name: 'our mqadmin queryMsgTraceById',
      command: `${WORKSPACE_ROOT}/bin/mqadmin`,
      args: ['queryMsgTraceById', '-n', namesrv.addr, '-i', msgId, '--json'],
      logFile: true,
    });
    await child.waitForExit({ timeoutMs: 120_000, reason: 'queryMsgTraceById' });
    const text = child
      .lines()
      .filter((line) => line.stream === 'stdout')
      .map((line) => line.text)
      .join('\n');
    return JSON.parse(text) as TraceJson;
  }

  beforeAll(async () => {
    namesrv = await startLocalNamesrv({ label: 'trace-namesrv' });
    broker = await startLocalBroker({
      namesrvAddr: namesrv.addr,
      brokerName: uniqueName('trace_broker'),
      label: 'trace-broker',
      settings: { traceTopicEnable: 'true' },
    });
    await waitForMaster(namesrv.addr, broker.brokerName, broker.addr);
  });

  it('Java enableMsgTrace: both mqadmins list the send and the consume with groups and hosts', async () => {
    const producerGroup = uniqueName('trace_java_pg');
    const consumerGroup = uniqueName('trace_java_cg');
    const run = await runJava(
      'TraceProbe',
      ['-n', namesrv.addr, '-t', topic, '-c', '2', '--producer-group', producerGroup, '--consumer-group', consumerGroup],
      240_000,
    );
    expect(run.summary['complete']).toBe(true);
    const msgId = (run.summary['msgIds'] as string[])[0] as string;

    // Ours first, polling until the records are stored and indexed; then Apache's reads the same.
    const ours = await waitForTrace(msgId, 3);
    expect(ours.traces.find((trace) => trace.type === 'Pub')).toMatchObject({
      groupName: producerGroup,
      clientHost: '127.0.0.1',
      success: true,
      storeHost: broker.addr,
    });
    expect(ours.traces.find((trace) => trace.type === 'SubAfter')).toMatchObject({
      groupName: consumerGroup,
      clientHost: '127.0.0.1',
      success: true,
    });

    const apache = await apacheTrace(msgId);
    expect(apache).toMatch(new RegExp(`Pub\\s+${producerGroup}\\s+127\\.0\\.0\\.1`));
    expect(apache).toMatch(new RegExp(`${consumerGroup}\\s+127\\.0\\.0\\.1`));
  });

  it("our enableMsgTrace: Apache's queryMsgTraceById reads our Pub and SubAfter records", async () => {
    const producerGroup = uniqueName('trace_ts_pg');
    const consumerGroup = uniqueName('trace_ts_cg');
    const producer = new Producer({ namesrvAddr: namesrv.addr, producerGroup, enableMsgTrace: true });
    await producer.start();
    const sent = await producer.send({ topic, body: Buffer.from('traced by ours'), tags: 'TagT', keys: 'ours-key' });
    await producer.shutdown();

    const received: MessageExt[] = [];
    const consumer = new PushConsumer({
      namesrvAddr: namesrv.addr,
      consumerGroup,
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      enableMsgTrace: true,
    });
    consumer.subscribe(topic, '*');
    consumer.onMessage((message) => void received.push(message));
    await consumer.start();
    await waitFor(() => received.some((message) => message.msgId === sent.msgId), {
      timeoutMs: 60_000,
      reason: 'our consumer receives the traced message',
    });
    await consumer.shutdown();

    const ours = await waitForTrace(sent.msgId, 3);
    expect(ours.traces.map((trace) => trace.type)).toEqual(['Pub', 'SubBefore', 'SubAfter']);
    const apache = await apacheTrace(sent.msgId);
    expect(apache).toMatch(new RegExp(`Pub\\s+${producerGroup}\\s+127\\.0\\.0\\.1`));
    expect(apache).toMatch(new RegExp(`${consumerGroup}\\s+127\\.0\\.0\\.1`));
  });

  async function waitForTrace(msgId: string, records: number): Promise<TraceJson> {
    let last: TraceJson = { traces: [] };
    await waitFor(
      async () => {
        last = await ourTrace(msgId).catch(() => ({ traces: [] }));
        return last.traces.length >= records;
      },
      { timeoutMs: 60_000, intervalMs: 2_000, reason: `${records} trace records of ${msgId}` },
    );
    return last;
  }
});
