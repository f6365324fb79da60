import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { MQClientError, Producer, PushConsumer } from '@rocketmq-ts/client';
import { ResponseCode } from '@rocketmq-ts/protocol';
import { runJava } from '@rocketmq-ts/testing';

import { BROKER_KINDS, type ClientCluster, startClientCluster } from './support/cluster';
import { Collector, waitForAll } from './support/collector';
import { unique, useProcessHygiene } from './support/hygiene';
import { createTopic } from './support/remoting-admin';

useProcessHygiene();

/** The selector, and one over TAGS with BETWEEN for the TypeScript consumer. */
const JAVA_SQL = "a > 5 AND b IN ('x','y')";
const TS_SQL = "(TAGS = 'TagA' OR b = 'z') AND a BETWEEN 3 AND 6";
const A_VALUES = ['3', '5', '6', '9', 'abc', undefined] as const;
const B_VALUES = ['x', 'y', 'z', undefined] as const;
const TAGS = ['TagA', 'TagB'] as const;

interface StreamMessage {
  readonly body: string;
  readonly tags: string;
  readonly properties: Readonly<Record<string, string>>;
}

/** Every combination of a, b and tag: 48 messages, some matching each selector. */
function mixedStream(prefix: string): StreamMessage[] {
  const stream: StreamMessage[] = [];
  for (const a of A_VALUES)
    for (const b of B_VALUES)
      for (const tags of TAGS) {
        const properties: Record<string, string> = {};
        if (a !== undefined) properties['a'] = a;
        if (b !== undefined) properties['b'] = b;
        stream.push({ body: `${prefix}-${stream.length}-a=${a ?? '∅'}-b=${b ?? '∅'}-${tags}`, tags, properties });
      }
  return stream;
}

/** The selectors written out by hand: a non-numeric or missing `a` never matches a comparison. */
const integerOf = (text: string | undefined): number | undefined => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined);
const javaMatches = (m: StreamMessage): boolean => (integerOf(m.properties['a']) ?? 0) > 5 && ['x', 'y'].includes(m.properties['b'] ?? '');
const tsMatches = (m: StreamMessage): boolean => {
  const a = integerOf(m.properties['a']);
  return a !== undefined && a >= 3 && a <= 6 && (m.tags === 'TagA' || m.properties['b'] === 'z');
};

async function startSqlConsumer(cluster: ClientCluster, topic: string, sql: string, collector?: Collector): Promise<PushConsumer> {
  const consumer = new PushConsumer({
    namesrvAddr: cluster.namesrvAddr,
    consumerGroup: unique('sql_ts'),
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
  });
  consumer.subscribe(topic, { sql });
  consumer.onMessage((message) => collector?.take(message));
  await consumer.start();
  return consumer;
}

async function startFailure(start: Promise<unknown>): Promise<MQClientError> {
  const error = await start.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof MQClientError)) throw new Error(`start() should have failed with MQClientError, got ${String(error)}`);
  return error;
}

describe.each(BROKER_KINDS)('SQL92 filtering against the %s broker (enablePropertyFilter=true)', (kind) => {
  let cluster: ClientCluster;
  let producer: Producer;
  const consumers: PushConsumer[] = [];
  const topic = unique('sql92');
  const stream = mixedStream(unique('m'));

  beforeAll(async () => {
    cluster = await startClientCluster(kind, { brokerSettings: { enablePropertyFilter: 'true' } });
    await createTopic(cluster, topic, 4);
    producer = new Producer({ namesrvAddr: cluster.namesrvAddr, producerGroup: unique('sql_pg') });
    await producer.start();
    for (const message of stream)
      await producer.send({ topic, tags: message.tags, keys: message.body, body: message.body, properties: message.properties });
  });
  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.shutdown()));
  });
  afterAll(async () => {
    await producer?.shutdown();
  });

  it(`a Java consumer with MessageSelector.bySql("${JAVA_SQL}") receives exactly the matching messages`, async () => {
    const expected = stream.filter(javaMatches).map((m) => m.body);
    expect(expected.length).toBeGreaterThan(0);
    const run = await runJava(
      'InteropConsumer',
      [
        '-n',
        cluster.namesrvAddr,
        '-t',
        topic,
        '-g',
        unique('sql_java'),
        '-c',
        String(expected.length),
        '--sql',
        JAVA_SQL,
        '--linger-ms',
        '3000',
        '--timeout-ms',
        '90000',
      ],
      150_000,
    );
    expect(run.summary['complete']).toBe(true);
    expect([...(run.summary['keys'] as string[])].sort()).toEqual([...expected].sort());
  });

  it(`the TypeScript push consumer with { sql: "${TS_SQL}" } receives exactly the matching messages`, async () => {
    const expected = stream.filter(tsMatches).map((m) => m.body);
    expect(expected.length).toBeGreaterThan(0);
    const collector = new Collector();
    consumers.push(await startSqlConsumer(cluster, topic, TS_SQL, collector));
    await waitForAll([collector], expected, `${expected.length} matching messages`);
    // Long enough for a message that should not match to have come through the same pulls.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect([...collector.distinctBodies()].sort()).toEqual([...expected].sort());
  });

  it('a new matching message wakes a parked SQL92 pull; a non-matching one is not delivered', async () => {
    const collector = new Collector();
    consumers.push(await startSqlConsumer(cluster, topic, "b = 'late'", collector));
    const late = unique('late');
    await producer.send({ topic, tags: 'TagB', keys: `${late}-no`, body: `${late}-no`, properties: { b: 'early' } });
    await producer.send({ topic, tags: 'TagB', keys: `${late}-yes`, body: `${late}-yes`, properties: { b: 'late' } });
    await waitForAll([collector], [`${late}-yes`], 'the late matching message');
    expect(collector.bodies().filter((body) => body.startsWith(late))).toEqual([`${late}-yes`]);
  });

  it('a bad expression fails the start of both clients with SUBSCRIPTION_PARSE_FAILED and the position of the error', async () => {
    const bad = "a > 5 AND b IN (x, 'y')";
    const ts = await startFailure(startSqlConsumer(cluster, topic, bad));
    expect(ts.responseCode).toBe(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
    expect(ts.remark).toContain('line 1, column 17');
    const java = await runJava(
      'InteropConsumer',
      ['-n', cluster.namesrvAddr, '-t', topic, '-g', unique('sql_bad'), '-c', '1', '--sql', bad, '--timeout-ms', '10000'],
      90_000,
    );
    expect(java.exitCode).toBe(2);
    expect(java.summary['responseCode']).toBe(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
    expect(String(java.summary['startError'])).toContain('line 1, column 17');
  });
});

describe.each(BROKER_KINDS)('SQL92 against the %s broker with enablePropertyFilter off (the default)', (kind) => {
  let cluster: ClientCluster;
  const topic = unique('sql92_off');

  beforeAll(async () => {
    cluster = await startClientCluster(kind);
    await createTopic(cluster, topic, 2);
  });

  it("refuses the TypeScript and Java consumers at start with SYSTEM_ERROR and RocketMQ's remark", async () => {
    const remark = 'The broker does not support consumer to filter message by SQL92';
    const ts = await startFailure(startSqlConsumer(cluster, topic, JAVA_SQL));
    expect(ts.responseCode).toBe(ResponseCode.SYSTEM_ERROR);
    expect(ts.remark).toBe(remark);
    const java = await runJava(
      'InteropConsumer',
      ['-n', cluster.namesrvAddr, '-t', topic, '-g', unique('sql_off'), '-c', '1', '--sql', JAVA_SQL, '--timeout-ms', '10000'],
      90_000,
    );
    expect(java.exitCode).toBe(2);
    expect(java.summary).toMatchObject({ responseCode: ResponseCode.SYSTEM_ERROR, startError: remark });
  });
});
