import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import { uniqueName, useProcessHygiene, waitFor } from '@rocketmq-ts/testing';
import {
  type Ack,
  closeDefaultProducer,
  javaReceive,
  javaSend,
  OnsKeyCollector,
  OnsSendLoop,
  useOnsClients,
} from '@rocketmq-ts/testing/clients';

import {
  clusterList,
  createTopic,
  groupsOf,
  isAlive,
  launch,
  messagesIn,
  pidOf,
  waitForReady,
  waitForTopicOn,
  waitUntilGone,
} from './support/launcher';

const NAMES = ['namesrv-1', 'namesrv-2', 'broker-a', 'broker-a-s', 'broker-b', 'broker-b-s'];
const CONSUME_TIMEOUT_MS = 120_000;

// `npm start` in its default mode (2m-2s-sync, restarts off there) while ali-ons and the official
// Java client send to a topic on both groups: SIGKILL broker-a's master, then a name server. The
// launcher reports each death in one line and keeps the others running; clients fail over; every
// acknowledged message is consumed, broker-a's from its slave (its master stays down).
describe('launcher > a master and a name server SIGKILLed under npm start', () => {
  useProcessHygiene({ beforeEach, afterAll });
  const { closers, printOnFailure } = useOnsClients();

  it('keeps the other processes, shows broker-a with its slave only, and every ack is consumed by ali-ons and the Java client', async (context) => {
    printOnFailure(context);
    const launched = await launch('2m-2s-sync');
    await waitForReady(launched);
    const [namesrv1, namesrv2] = launched.namesrvAddrs as [string, string];
    const pids = Object.fromEntries(NAMES.map((name) => [name, pidOf(launched, name)]));

    // The first 100 lines of the default output are readable lines (`time  process  LEVEL:  message  key=value…`), not raw JSON.
    await launched.process.waitForOutput(/^\d\d:\d\d:\d\d\.\d{3} broker-a-s\s+INFO: {2}\S.*\w=\S/, {
      timeoutMs: 30_000,
      reason: 'a readable log line of broker-a-s',
    });
    const first = launched.process.output().split('\n').slice(0, 100);
    expect(first.filter((line) => /\{"\w+":/.test(line))).toEqual([]);
    // Each process's full log is JSON under <data-dir>/<process>/logs/.
    for (const [name, file] of [
      ['namesrv-1', 'namesrv.log'],
      ['broker-a', 'broker.log'],
    ] as const) {
      const lines = readFileSync(join(launched.dataDir, name, 'logs', file), 'utf8')
        .trim()
        .split('\n');
      expect(lines.length).toBeGreaterThan(3);
      for (const line of lines) expect(JSON.parse(line)).toMatchObject({ msg: expect.any(String) });
    }

    const topic = uniqueName('failover');
    await createTopic(namesrv1, topic);
    await waitForTopicOn(launched.address('broker-a-s'), topic);
    const ons = new OnsSendLoop(launched.namesrvAddrs, topic, 'ons', uniqueName('ons_producer'));
    closers.push(() => ons.stop());
    await ons.start();
    const javaBefore = await javaSend(launched.namesrvAddrs, topic, 'java-before', 40);
    await waitFor(() => ons.acksOf('broker-a').length >= 20 && ons.acksOf('broker-b').length >= 20, {
      timeoutMs: 60_000,
      reason: 'ali-ons acks from both groups',
    });
    expect(new Set(javaBefore.map((ack) => ack.brokerName))).toEqual(new Set(['broker-a', 'broker-b']));

    process.kill(pids['broker-a'] as number, 'SIGKILL');
    const killedAt = Date.now();
    await launched.process.waitForOutput(
      /broker-a \(pid \d+\) exited: signal SIGKILL; .*5 other processes keep running; left down \(no --restart\)/,
      {
        timeoutMs: 10_000,
        reason: 'the one-line report of the dead master',
      },
    );
    // Producers move to broker-b: ali-ons on its own, the Java client's sends retried on another broker.
    await waitFor(() => ons.acksOf('broker-b', killedAt + 2_000).length >= 30, {
      timeoutMs: 60_000,
      reason: 'ali-ons acks from broker-b after the kill',
    });
    const javaAfter = await javaSend(launched.namesrvAddrs, topic, 'java-after', 20);
    expect(javaAfter.map((ack) => ack.brokerName)).toEqual(Array(20).fill('broker-b'));
    await waitFor(async () => JSON.stringify(await groupsOf(namesrv1)) === JSON.stringify({ 'broker-a': [1], 'broker-b': [0, 1] }), {
      timeoutMs: 30_000,
      intervalMs: 1_000,
      reason: 'clusterList shows broker-a with its slave only',
    });

    process.kill(pids['namesrv-1'] as number, 'SIGKILL');
    await launched.process.waitForOutput(/namesrv-1 \(pid \d+\) exited: signal SIGKILL; .*4 other processes keep running; left down/, {
      timeoutMs: 10_000,
      reason: 'the report of the dead name server',
    });
    // Clients given both name servers go on through the second.
    const acksBeforeNamesrvKill = ons.acks.length;
    await waitFor(() => ons.acks.length >= acksBeforeNamesrvKill + 30, {
      timeoutMs: 60_000,
      reason: 'ali-ons acks after the name server died',
    });
    // The Java client may spend its first lookup on the dead name server (one failed send); then it uses the other.
    const javaNoNamesrv1 = await javaSend(launched.namesrvAddrs, topic, 'java-ns2', 20);
    expect(javaNoNamesrv1.map((ack) => ack.key)).toEqual(
      expect.arrayContaining(Array.from({ length: 18 }, (_, index) => `java-ns2-${index + 2}`)),
    );
    await ons.stop();

    for (const name of ['namesrv-2', 'broker-a-s', 'broker-b', 'broker-b-s'])
      expect(isAlive(pids[name] as number), `${name} alive`).toBe(true);
    expect(launched.process.running).toBe(true);
    expect((await clusterList(namesrv2)).map((broker) => `${broker.brokerName}/${broker.brokerId}`).sort()).toEqual([
      'broker-a/1',
      'broker-b/0',
      'broker-b/1',
    ]);

    const acks: Ack[] = [...javaBefore, ...ons.acks, ...javaAfter, ...javaNoNamesrv1];
    const brokerAKeys = acks.filter((ack) => ack.brokerName === 'broker-a').map((ack) => ack.key);
    expect(brokerAKeys.length).toBeGreaterThanOrEqual(40);
    // Consumers start now, with the live name server only: the Java client's start() fails outright
    // when its first route lookup picks a dead one (it tries the next one only on later lookups).
    const collector = new OnsKeyCollector([namesrv2], topic, uniqueName('ons_consumer'));
    closers.push(() => collector.close());
    const [javaKeys] = await Promise.all([
      javaReceive(
        [namesrv2],
        topic,
        uniqueName('java_consumer'),
        await messagesIn([launched.address('broker-a-s'), launched.address('broker-b')], topic),
      ),
      collector.ready().then(() =>
        waitFor(() => collector.missing(acks.map((ack) => ack.key)).length === 0, {
          timeoutMs: CONSUME_TIMEOUT_MS,
          intervalMs: 500,
          reason: `ali-ons consumes every one of ${acks.length} acks`,
        }),
      ),
    ]);
    expect(acks.map((ack) => ack.key).filter((key) => !javaKeys.has(key))).toEqual([]);
    // Closed before the cluster stops: an ali-ons client left running reconnects and throws uncaught.
    await collector.close();
    await closeDefaultProducer();
    // broker-a's master never came back: its messages can only have come from its slave.
    expect(isAlive(pids['broker-a'] as number)).toBe(false);
    expect(launched.process.output()).not.toMatch(/broker-a up again/);

    launched.process.kill('SIGTERM');
    expect(await launched.process.waitForExit({ timeoutMs: 60_000, reason: 'the launcher stops on SIGTERM' })).toMatchObject({
      code: 0,
      signal: null,
    });
    for (const name of NAMES) await waitUntilGone(pids[name] as number, 5_000, `${name} gone after the launcher stopped`);
  });
});
