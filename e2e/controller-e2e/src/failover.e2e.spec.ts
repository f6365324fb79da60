import { javaLines, processes, runJava, startJava, startLocalNamesrv, uniqueName, useProcessHygiene, waitFor } from '@rocketmq-ts/testing';
import { afterEach, beforeEach, afterAll, describe, expect, it } from 'vitest';

import { startControllerModeBroker } from './support/controller-mode-broker';
import { type ControllerKind, replicas, startController } from './support/controllers';

useProcessHygiene({ beforeEach, afterAll });
afterEach(() => processes.stopAll({ graceMs: 10_000 }));

const MESSAGES = 1500;
const PAUSE_MS = 20;

interface SendLine {
  readonly key: string;
  readonly status?: string;
  readonly atMs: number;
}

/**
 * The acceptance scenario of docs/controller.md#tests-and-figures, run once against our controller and once
 * against Apache's (the reference, so a failure is known to be ours): two Apache 5.3.3 brokers in
 * controller mode register, one is elected, both end up in the SyncStateSet; a Java producer sends
 * with allAckInSyncStateSet; the master is SIGKILLed; the controller must elect the in-sync slave
 * and every acknowledged message must be consumable afterwards.
 */
describe.each<ControllerKind>(['ours', 'apache'])('Controller mode > SIGKILL of the master > %s controller', (kind) => {
  it('elects the in-sync slave, sends resume on it, and no acknowledged message is lost', async () => {
    const namesrv = await startLocalNamesrv({ logFile: true });
    const controller = await startController(kind);
    const brokerName = uniqueName(`cm_${kind}`);
    const first = await startControllerModeBroker(namesrv.addr, controller.addr, brokerName, `${kind}-a`);
    await waitFor(async () => (await replicas(controller.port, brokerName))?.masterBrokerId !== undefined, {
      timeoutMs: 60_000,
      intervalMs: 500,
      reason: 'first broker registered and elected master',
    });
    const second = await startControllerModeBroker(namesrv.addr, controller.addr, brokerName, `${kind}-b`);
    await waitFor(async () => (await replicas(controller.port, brokerName))?.inSyncReplicas.length === 2, {
      timeoutMs: 90_000,
      intervalMs: 500,
      reason: 'second broker caught up and joined the SyncStateSet',
    });
    const before = await replicas(controller.port, brokerName);
    const master = [first, second].find((broker) => broker.addr === before?.masterAddress);
    const slave = [first, second].find((broker) => broker !== master);
    if (!before || !master || !slave) throw new Error(`no master among the brokers: ${JSON.stringify(before)}`);

    const topic = uniqueName(`CmTopic_${kind}`);
    const producer = startJava('InteropProducer', [
      '-n',
      namesrv.addr,
      '-t',
      topic,
      '-c',
      String(MESSAGES),
      '--pause-ms',
      String(PAUSE_MS),
      '--poll-namesrv-ms',
      '1000',
      '--key-prefix',
      topic,
      '--timeout-ms',
      '3000',
    ]);
    // Enough sends that the slave's periodic metadata sync has copied the auto-created topic.
    await waitFor(() => producer.child.lines().filter((line) => line.text.startsWith('SEND ')).length >= 200, {
      timeoutMs: 90_000,
      intervalMs: 100,
      reason: '200 sends acknowledged before the kill',
    });
    const killedAtMs = Date.now();
    master.process.kill('SIGKILL');

    await waitFor(
      async () => {
        const now = await replicas(controller.port, brokerName).catch(() => undefined);
        return now?.masterBrokerId !== undefined && now.masterBrokerId !== before.masterBrokerId;
      },
      { timeoutMs: 60_000, intervalMs: 250, reason: `${kind} controller elected a new master` },
    );
    const after = await replicas(controller.port, brokerName);
    expect(after?.masterAddress).toBe(slave.addr);
    expect(after?.masterEpoch).toBe((before.masterEpoch ?? 0) + 1);

    const run = await producer.finished(240_000);
    const sends = javaLines(run, 'SEND') as unknown as SendLine[];
    const acked = sends.filter((send) => send.status === 'SEND_OK');
    const lastBefore = Math.max(...acked.filter((send) => send.atMs <= killedAtMs).map((send) => send.atMs));
    const firstAfter = Math.min(...acked.filter((send) => send.atMs > killedAtMs).map((send) => send.atMs));
    expect(Number.isFinite(firstAfter)).toBe(true);

    const consumer = await runJava(
      'InteropConsumer',
      [
        '-n',
        namesrv.addr,
        '-t',
        topic,
        '-g',
        uniqueName(`cm_${kind}_consumer`),
        '-c',
        String(acked.length),
        '--timeout-ms',
        '120000',
        '--linger-ms',
        '3000',
      ],
      180_000,
    );
    const received = new Set(javaLines(consumer, 'RECV').map((line) => String(line['key'])));
    const lost = acked.filter((send) => !received.has(send.key)).map((send) => send.key);
    process.stdout.write(
      `[controller-e2e] ${kind} controller: failover ${firstAfter - lastBefore} ms (last ack from the old master → first ack from the new), ` +
        `${acked.length}/${MESSAGES} acknowledged, ${sends.length - acked.length} not SEND_OK, ${run.lines.filter((line) => line.startsWith('SEND_FAILED ')).length} failed, ` +
        `${received.size} consumed, ${lost.length} acknowledged lost; masterEpoch ${before.masterEpoch} → ${after?.masterEpoch}\n`,
    );
    expect(lost).toEqual([]);
  });
});
