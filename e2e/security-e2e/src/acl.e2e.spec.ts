import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Consumer as OnsConsumer, Message as OnsMessage, Producer as OnsProducer } from 'ali-ons';
import urllib from 'urllib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { MQClientError, Producer, PushConsumer, type MessageExt } from '@rocketmq-ts/client';
import { ResponseCode } from '@rocketmq-ts/protocol';
import {
  freePort,
  type LocalBroker,
  type LocalNamesrv,
  rejectionOf,
  runJava,
  spawnProcess,
  startLocalBroker,
  startLocalNamesrv,
  suiteTempDir,
  uniqueName,
  useProcessHygiene,
  waitFor,
  waitForMaster,
  WORKSPACE_ROOT,
} from '@rocketmq-ts/testing';

import {
  ADMIN,
  BROKER_SELF,
  CONSUMER,
  javaAclScenario,
  outcomeOf,
  plainAclYaml,
  probeStep,
  type ProbeStep,
  PUBLISHER,
  writeToolsYml,
} from './support/acl-fixture';

// ACL 1.0 end to end (docs/security.md): our broker started with aclEnable and a plain_acl.yml, our
// name server, and every client that speaks ACL: the official Java client with AclClientRPCHook,
// Apache's mqadmin with an admin account in conf/tools.yml, ali-ons with accessKey/secretKey, our
// client and our mqadmin. The broker signs its own registrations (accessKey/secretKey settings).
const NO_PERMISSION = ResponseCode.NO_PERMISSION;

describe('Security > ACL 1.0 across clients', () => {
  useProcessHygiene({ beforeEach, afterAll });
  let namesrv: LocalNamesrv;
  let broker: LocalBroker;
  let aclFile: string;
  const topic = uniqueName('acl_orders');
  const closers: Array<() => Promise<void>> = [];

  async function probe(steps: readonly string[], probeTopic = topic): Promise<Map<string, ProbeStep>> {
    const run = await runJava('AclProbe', ['-n', namesrv.addr, '-t', probeTopic, '-b', broker.addr, '-s', steps.join(',')], 180_000);
    const results = (run.summary['steps'] as ProbeStep[]) ?? [];
    return new Map(results.map((result) => [result.step, result]));
  }

  async function apacheAdmin(home: string, args: readonly string[]): Promise<string> {
    const child = spawnProcess({
      name: 'apache mqadmin',
      command: `${WORKSPACE_ROOT}/tools/interop/java/bin/run-admin.sh`,
      args,
      env: { ROCKETMQ_HOME: home, CLIENT_HOME: home },
      logFile: true,
    });
    await child.waitForExit({ timeoutMs: 120_000, reason: `mqadmin ${args[0]}` });
    return child
      .lines()
      .map((line) => line.text)
      .join('\n');
  }

  async function ourAdmin(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
    const child = spawnProcess({ name: 'our mqadmin', command: `${WORKSPACE_ROOT}/bin/mqadmin`, args, env, logFile: true });
    const exit = await child.waitForExit({ timeoutMs: 120_000, reason: `mqadmin ${args[0]}` });
    return {
      code: exit.code,
      output: child
        .lines()
        .map((line) => line.text)
        .join('\n'),
    };
  }

  beforeAll(async () => {
    const dir = suiteTempDir('acl-e2e');
    aclFile = join(dir.path, 'plain_acl.yml');
    writeFileSync(aclFile, plainAclYaml('PUB'));
    namesrv = await startLocalNamesrv({ label: 'acl-namesrv' });
    broker = await startLocalBroker({
      namesrvAddr: namesrv.addr,
      brokerName: uniqueName('acl_broker'),
      label: 'acl-broker',
      settings: {
        aclEnable: 'true',
        aclFile,
        accessKey: BROKER_SELF.accessKey,
        secretKey: BROKER_SELF.secretKey,
        autoCreateTopicEnable: 'false',
      },
    });
    await waitForMaster(namesrv.addr, broker.brokerName, broker.addr);
  });

  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  });

  it('Java AclClientRPCHook: admin creates, right keys send, wrong secret and PUB-only pulls and non-admin creates get NO_PERMISSION', async () => {
    const scenario = javaAclScenario(topic, uniqueName('acl_sneaky'));
    const results = await probe(scenario.steps);
    expect(scenario.expected.map(({ step }) => outcomeOf(results.get(step)))).toEqual(scenario.expected.map(({ expected }) => expected));
    expect(results.get(scenario.expected[1]?.step ?? '')?.error).toContain('Need admin permission');
    expect(results.get('pullAsPublisher')?.error).toContain('No SUB default permission for topic');
    expect(results.get('pullAsConsumer')).toMatchObject({ ok: true, detail: 'found 1' });
  });

  it("Apache's mqadmin with an admin account in conf/tools.yml updates topics; with a non-admin account it is refused", async () => {
    const adminHome = suiteTempDir('acl-tools-admin').path;
    writeToolsYml(adminHome, ADMIN);
    const created = uniqueName('acl_by_mqadmin');
    expect(await apacheAdmin(adminHome, ['updateTopic', '-n', namesrv.addr, '-b', broker.addr, '-t', created])).toContain(
      `create topic to ${broker.addr} success`,
    );
    const userHome = suiteTempDir('acl-tools-user').path;
    writeToolsYml(userHome, PUBLISHER);
    const refused = await apacheAdmin(userHome, ['updateTopic', '-n', namesrv.addr, '-b', broker.addr, '-t', uniqueName('acl_refused')]);
    expect(refused).toMatch(/CODE: 16|NO_PERMISSION|Need admin permission/);
  });

  it('our mqadmin signs with --accessKey/--secretKey (or the environment); a non-admin account is refused', async () => {
    const created = uniqueName('acl_by_ours');
    const ok = await ourAdmin([
      'updateTopic',
      '-n',
      namesrv.addr,
      '-b',
      broker.addr,
      '-t',
      created,
      '--accessKey',
      ADMIN.accessKey,
      '--secretKey',
      ADMIN.secretKey,
    ]);
    expect(ok.output).toContain(`create topic to ${broker.addr} success.`);
    expect(ok.code).toBe(0);
    const refused = await ourAdmin(['updateTopic', '-n', namesrv.addr, '-b', broker.addr, '-t', uniqueName('acl_refused')], {
      ROCKETMQ_ACCESS_KEY: CONSUMER.accessKey,
      ROCKETMQ_SECRET_KEY: CONSUMER.secretKey,
    });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('Need admin permission for request code=17, but accessKey=consumer is not');
    const unsigned = await ourAdmin(['updateTopic', '-n', namesrv.addr, '-b', broker.addr, '-t', uniqueName('acl_refused')]);
    expect(unsigned.output).toContain('No accessKey is configured');
  });

  it('our Producer and PushConsumer sign with credentials; unsigned sends are refused', async () => {
    const producer = new Producer({
      namesrvAddr: namesrv.addr,
      producerGroup: uniqueName('acl_ts_pg'),
      credentials: PUBLISHER,
      retryTimesWhenSendFailed: 0,
    });
    await producer.start();
    closers.push(() => producer.shutdown());
    const bodies = ['ts-1', 'ts-2', 'ts-3'];
    for (const body of bodies) expect((await producer.send({ topic, body: Buffer.from(body) })).sendStatus).toBe('SEND_OK');

    const unsigned = new Producer({ namesrvAddr: namesrv.addr, producerGroup: uniqueName('acl_ts_unsigned'), retryTimesWhenSendFailed: 0 });
    await unsigned.start();
    closers.push(() => unsigned.shutdown());
    const error = await rejectionOf(unsigned.send({ topic, body: Buffer.from('nope') }));
    expect(error).toBeInstanceOf(MQClientError);
    expect(error.message).toContain(`NO_PERMISSION (${NO_PERMISSION}): No accessKey is configured`);

    const received: MessageExt[] = [];
    const consumer = new PushConsumer({
      namesrvAddr: namesrv.addr,
      consumerGroup: uniqueName('acl_ts_cg'),
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      credentials: CONSUMER,
    });
    consumer.subscribe(topic, '*');
    consumer.onMessage((message) => void received.push(message));
    await consumer.start();
    closers.push(() => consumer.shutdown());
    await waitFor(() => bodies.every((body) => received.some((message) => message.body.toString() === body)), {
      timeoutMs: 60_000,
      reason: 'our consumer receives what our producer sent',
    });
  });

  it('ali-ons with accessKey/secretKey sends and consumes', async () => {
    const options = {
      nameSrv: namesrv.addr,
      httpclient: urllib,
      logger: { info: () => undefined, debug: () => undefined, warn: () => undefined, error: () => undefined },
    };
    const producer = new OnsProducer({
      ...options,
      producerGroup: uniqueName('acl_ons_pg'),
      accessKey: PUBLISHER.accessKey,
      secretKey: PUBLISHER.secretKey,
    });
    closers.push(() => producer.close());
    await producer.ready();
    const sent = await producer.send(new OnsMessage(topic, 'ons', 'ali-ons signed'));
    expect(sent.sendStatus).toBe('SEND_OK');
    // ali-ons shares one client (and so one set of keys) per instanceName: the consumer gets its own.
    const consumer = new OnsConsumer({
      ...options,
      instanceName: uniqueName('ons_consumer'),
      consumerGroup: uniqueName('acl_ons_cg'),
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      accessKey: CONSUMER.accessKey,
      secretKey: CONSUMER.secretKey,
    });
    closers.push(() => consumer.close());
    const bodies: string[] = [];
    consumer.subscribe(topic, '*', async (message: { body: Buffer }) => {
      bodies.push(message.body.toString());
    });
    await consumer.ready();
    await waitFor(() => bodies.includes('ali-ons signed'), { timeoutMs: 60_000, reason: 'ali-ons consumer receives the signed send' });
  });

  it('the exporter signs its admin requests with accessKey/secretKey; unsigned, the broker refuses them', async () => {
    const exporterMetrics = async (credentials?: typeof ADMIN): Promise<() => Promise<string>> => {
      const port = await freePort();
      const keys = credentials ? [`--accessKey=${credentials.accessKey}`, `--secretKey=${credentials.secretKey}`] : [];
      const child = spawnProcess({
        name: `exporter(${credentials ? 'signed' : 'unsigned'})`,
        command: `${WORKSPACE_ROOT}/bin/mqexporter`,
        args: [`--namesrvAddr=${namesrv.addr}`, `--httpPort=${port}`, '--bindAddress=127.0.0.1', '--collectIntervalMillis=1000', ...keys],
        logFile: true,
      });
      await child.waitForPort(port, { timeoutMs: 90_000, reason: 'exporter HTTP port' });
      return async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    };
    const signed = await exporterMetrics(CONSUMER);
    await waitFor(async () => (await signed()).includes(`rocketmq_producer_offset{`) && (await signed()).includes(`topic="${topic}"`), {
      timeoutMs: 60_000,
      reason: 'the signed exporter reads topic offsets',
    });
    const unsigned = await exporterMetrics();
    await waitFor(async () => /rocketmq_exporter_collect_errors_total\{target="broker"[^}]*\} [1-9]/.test(await unsigned()), {
      timeoutMs: 60_000,
      reason: 'the unsigned exporter counts refused broker requests',
    });
    expect(await unsigned()).not.toContain(`topic="${topic}"`);
  });

  it('a changed plain_acl.yml takes effect without a restart', async () => {
    writeFileSync(aclFile, plainAclYaml('PUB|SUB'));
    await waitFor(async () => (await probe([probeStep('pullAsPublisher', 'pull', PUBLISHER)])).get('pullAsPublisher')?.ok === true, {
      timeoutMs: 60_000,
      intervalMs: 1_000,
      reason: 'the publisher may pull after the reload',
    });
  });
});
