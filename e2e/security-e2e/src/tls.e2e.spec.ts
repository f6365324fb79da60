import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { MQAdmin, type MessageExt, Producer, PushConsumer } from '@rocketmq-ts/client';
import {
  generateTestCertificates,
  type LocalBroker,
  type LocalNamesrv,
  spawnProcess,
  startLocalBroker,
  startLocalNamesrv,
  suiteTempDir,
  type TestCertificates,
  uniqueName,
  useProcessHygiene,
  waitFor,
  waitForMaster,
  WORKSPACE_ROOT,
} from '@rocketmq-ts/testing';

import { javaSend } from './support/java-tls';

// TLS end to end (docs/security.md#tls): our name server (permissive) and one broker per tlsMode,
// certificates made by openssl for this run. The official Java client with -Dtls.enable=true and
// without, and our client with and without `tls`, against each mode.
type Mode = 'disabled' | 'permissive' | 'enforcing';

describe('Security > TLS modes with the Java client and ours', () => {
  useProcessHygiene({ beforeEach, afterAll });
  let certs: TestCertificates;
  let namesrv: LocalNamesrv;
  const brokers = new Map<Mode, LocalBroker>();
  const topics = new Map<Mode, string>();
  const closers: Array<() => Promise<void>> = [];

  const ourTls = () => ({ ca: readFileSync(certs.caCert) });

  beforeAll(async () => {
    certs = generateTestCertificates(suiteTempDir('tls-certs').path);
    const tlsFiles = { tlsServerKeyPath: certs.serverKey, tlsServerCertPath: certs.serverCert };
    // Java's tls.enable covers every connection of the client, the name server's too.
    namesrv = await startLocalNamesrv({ label: 'tls-namesrv', settings: { tlsMode: 'permissive', ...tlsFiles } });
    for (const mode of ['disabled', 'permissive', 'enforcing'] as const) {
      const broker = await startLocalBroker({
        namesrvAddr: namesrv.addr,
        brokerName: uniqueName(`tls_${mode}`),
        label: `tls-${mode}`,
        settings: { tlsMode: mode, ...tlsFiles, autoCreateTopicEnable: 'false' },
      });
      brokers.set(mode, broker);
      await waitForMaster(namesrv.addr, broker.brokerName, broker.addr);
      const topic = uniqueName(`tls_topic_${mode}`);
      const admin = new MQAdmin({ namesrvAddr: namesrv.addr, ...(mode === 'disabled' ? {} : { tls: ourTls() }) });
      await admin.createOrUpdateTopic({ topic, readQueueNums: 2, writeQueueNums: 2, perm: 6, order: false }, { brokerAddr: broker.addr });
      await admin.close();
      topics.set(mode, topic);
    }
  });

  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  });

  async function ourSend(mode: Mode, tls: boolean): Promise<boolean> {
    const producer = new Producer({
      namesrvAddr: namesrv.addr,
      producerGroup: uniqueName('tls_pg'),
      retryTimesWhenSendFailed: 0,
      sendMsgTimeoutMs: 3000,
      ...(tls ? { tls: ourTls() } : {}),
    });
    await producer.start();
    closers.push(() => producer.shutdown());
    try {
      return (await producer.send({ topic: topics.get(mode) as string, body: Buffer.from(`ours tls=${tls}`) })).sendStatus === 'SEND_OK';
    } catch {
      return false;
    }
  }

  it.each([
    ['disabled', { javaTls: false, javaPlain: true, oursTls: false, oursPlain: true }],
    ['permissive', { javaTls: true, javaPlain: true, oursTls: true, oursPlain: true }],
    ['enforcing', { javaTls: true, javaPlain: false, oursTls: true, oursPlain: false }],
  ] as const)('tlsMode %s: who gets through', async (mode, expected) => {
    const topic = topics.get(mode) as string;
    const [javaTls, javaPlain] = [
      await javaSend({ namesrv: namesrv.addr, topic, count: 2, tls: true }),
      await javaSend({ namesrv: namesrv.addr, topic, count: 2, tls: false }),
    ];
    expect({
      javaTls: javaTls.sendOk === 2,
      javaPlain: javaPlain.sendOk === 2,
      oursTls: await ourSend(mode, true),
      oursPlain: await ourSend(mode, false),
    }).toEqual(expected);
  });

  it('our PushConsumer receives over TLS from the enforcing broker', async () => {
    const topic = topics.get('enforcing') as string;
    const received: MessageExt[] = [];
    const consumer = new PushConsumer({
      namesrvAddr: namesrv.addr,
      consumerGroup: uniqueName('tls_cg'),
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      tls: ourTls(),
    });
    consumer.subscribe(topic, '*');
    consumer.onMessage((message) => void received.push(message));
    await consumer.start();
    closers.push(() => consumer.shutdown());
    // Two Java TLS sends and one of ours reached it in the matrix above.
    await waitFor(() => received.length >= 3, { timeoutMs: 60_000, reason: 'consume what was sent over TLS' });
    expect(received.map((message) => message.body.toString())).toContain('ours tls=true');
  });

  it('a broker with tlsEnable registers with a TLS-only name server, and our client finds it over TLS', async () => {
    const tlsFiles = { tlsServerKeyPath: certs.serverKey, tlsServerCertPath: certs.serverCert };
    const strictNamesrv = await startLocalNamesrv({ label: 'tls-namesrv-enforcing', settings: { tlsMode: 'enforcing', ...tlsFiles } });
    const broker = await startLocalBroker({
      namesrvAddr: strictNamesrv.addr,
      brokerName: uniqueName('tls_client'),
      label: 'tls-client',
      settings: { tlsMode: 'enforcing', ...tlsFiles, tlsEnable: 'true', tlsClientTrustCertPath: certs.caCert },
    });
    const admin = new MQAdmin({ namesrvAddr: strictNamesrv.addr, tls: ourTls() });
    closers.push(() => admin.close());
    await waitFor(async () => (await admin.clusterInfo().catch(() => undefined))?.brokerAddrTable.has(broker.brokerName) === true, {
      timeoutMs: 60_000,
      reason: 'the broker registered over TLS',
    });
    const plain = new MQAdmin({ namesrvAddr: strictNamesrv.addr, connectTimeoutMs: 2000 });
    closers.push(() => plain.close());
    await expect(plain.clusterInfo()).rejects.toThrow();
    // Our mqadmin, as Java's with -Dtls.enable=true.
    const mqadmin = spawnProcess({
      name: 'our mqadmin --tls',
      command: `${WORKSPACE_ROOT}/bin/mqadmin`,
      args: ['clusterList', '-n', strictNamesrv.addr, '--tls', '--tlsCaFile', certs.caCert],
      logFile: true,
    });
    expect((await mqadmin.waitForExit({ timeoutMs: 60_000, reason: 'mqadmin clusterList --tls' })).code).toBe(0);
    expect(
      mqadmin
        .lines()
        .map((line) => line.text)
        .join('\n'),
    ).toContain(broker.brokerName);
  });
});
