/**
 * Controller-mode brokers (one replica set of three) under Apache's controller, with Apache's
 * Java producer and consumer: ours, and Apache's own as the reference (so that a failure in ours
 * is known to be ours; CONTROLLER_E2E_REFERENCE=0 skips the reference run). The controller elects a master; the name server routes the
 * producer to it; SIGKILL of the master under a steady send load → the controller elects a slave
 * of ours; every acknowledged message is consumed afterwards; the killed broker comes back as a
 * slave and catches up; all commit logs are byte-equal once idle. Failover times are printed.
 */
import {
  type BrokerKind,
  createTopic,
  type Replica,
  settledCommitLogs,
  runJava,
  startApacheController,
  startJava,
  startLocalNamesrv,
  startReplica,
  waitFor,
} from '@rocketmq-ts/testing';
import { describe, expect, it } from 'vitest';

import { apacheAdmin } from './support/apache-admin';
import { useProcessHygiene } from './support/hygiene';
import { sendLines } from './support/java-send';
import { brokerAddrsOf } from './support/routes';

const ROUNDS = Number(process.env['CONTROLLER_E2E_ROUNDS'] ?? 3);
const KINDS: BrokerKind[] = process.env['CONTROLLER_E2E_REFERENCE'] === '0' ? ['ours'] : ['ours', 'apache'];
const BROKER_NAME = 'broker-ctl';
const TOPIC = 'ControllerFailoverTopic';

useProcessHygiene();

describe.each(KINDS)('controller mode: %s brokers under Apache controller', (kind) => {
  it(`elects a master, fails over ${ROUNDS} times under Java send load without losing an acknowledged message`, async () => {
    const controller = await startApacheController();
    const namesrv = await startLocalNamesrv({ logFile: true });
    const brokers: Replica[] = [];
    for (let index = 0; index < 3; index++) brokers.push(await startReplica(kind, index, namesrv.addr, BROKER_NAME, controller.addr));
    for (const broker of brokers) await createTopic({ brokerAddr: broker.addr, brokerName: BROKER_NAME, namesrvAddrs: [] }, TOPIC, 4);

    const masterAddr = async (): Promise<string | undefined> => (await brokerAddrsOf(namesrv.addr, TOPIC)).get(BROKER_NAME)?.get(0);
    const first = await waitFor(masterAddr, {
      timeoutMs: 60_000,
      intervalMs: 200,
      reason: 'the name server routes a master of broker-ctl',
    });
    console.log(`controller-broker-e2e(${kind}): first master ${first}`);

    const acked = new Set<string>();
    const failoverMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const oldMaster = (await masterAddr()) as string;
      const producer = startJava('InteropProducer', [
        '-n',
        namesrv.addr,
        '-t',
        TOPIC,
        '-c',
        '600',
        '--pause-ms',
        '15',
        '--poll-namesrv-ms',
        '500',
        '--timeout-ms',
        '3000',
        '--key-prefix',
        `r${round}`,
      ]);
      await waitFor(() => sendLines(producer).filter((line) => line.status === 'SEND_OK').length >= 100, {
        timeoutMs: 120_000,
        intervalMs: 100,
        reason: `round ${round}: 100 sends acknowledged before the kill`,
      });
      const victimIndex = brokers.findIndex((broker) => broker.addr === oldMaster);
      const victim = brokers[victimIndex] as Replica;
      const killedAt = Date.now();
      const okBefore = sendLines(producer).filter((line) => line.status === 'SEND_OK').length;
      await victim.kill();
      const newMaster = await waitFor(
        async () => {
          const address = await masterAddr();
          return address !== undefined && address !== oldMaster ? address : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 100, reason: `round ${round}: a new master routed` },
      );
      const routedMs = Date.now() - killedAt;
      await waitFor(() => sendLines(producer).filter((line) => line.status === 'SEND_OK').length > okBefore + 5, {
        timeoutMs: 90_000,
        intervalMs: 50,
        reason: `round ${round}: sends acknowledged again`,
      });
      const sendingAgainMs = Date.now() - killedAt;
      failoverMs.push(sendingAgainMs);
      console.log(
        `controller-broker-e2e(${kind}): round ${round}: killed ${oldMaster}, new master ${newMaster} routed after ${routedMs} ms, sends acknowledged again after ${sendingAgainMs} ms`,
      );
      await victim.restart();
      const run = await producer.finished(180_000);
      for (const line of run.lines.filter((text) => text.startsWith('SEND {'))) {
        const send = JSON.parse(text(line)) as { key: string; status: string };
        if (send.status === 'SEND_OK') acked.add(send.key);
      }
    }

    // Idle: every replica ends where the master does, byte for byte.
    const logs = await settledCommitLogs(brokers);
    expect(logs.differing).toEqual([]);

    // Apache's mqadmin reads our brokers: the epoch cache (1007) from each replica, the set from the controller.
    const epochs = await apacheAdmin(['getBrokerEpoch', '-n', namesrv.addr, '-b', BROKER_NAME]);
    console.log(`controller-broker-e2e(${kind}): mqadmin getBrokerEpoch\n${epochs}`);
    expect(epochs).toContain(`epoch=${ROUNDS + 1}, startOffset=`);
    expect(epochs.match(/#brokerId\t0\n/g)?.length).toBe(1);
    const syncStateSet = await apacheAdmin(['getSyncStateSet', '-a', controller.addr, '-b', BROKER_NAME]);
    console.log(`controller-broker-e2e(${kind}): mqadmin getSyncStateSet\n${syncStateSet}`);
    expect(syncStateSet).toContain((await masterAddr()) as string);
    expect(syncStateSet).toContain(`#MasterEpoch\t${ROUNDS + 1}`);
    await waitFor(
      async () => (await apacheAdmin(['getSyncStateSet', '-a', controller.addr, '-b', BROKER_NAME])).includes('#SyncStateSetNums\t3'),
      { timeoutMs: 60_000, intervalMs: 2_000, reason: 'every replica back in the SyncStateSet' },
    );

    const consumed = await runJava(
      'InteropConsumer',
      ['-n', namesrv.addr, '-t', TOPIC, '-g', `ctl_e2e_${Date.now()}`, '-c', String(acked.size), '--timeout-ms', '180000'],
      240_000,
    );
    const keys = new Set(
      consumed.lines.filter((line) => line.startsWith('RECV {')).map((line) => (JSON.parse(line.slice(5)) as { key: string }).key),
    );
    const lost = [...acked].filter((key) => !keys.has(key));
    console.log(
      `controller-broker-e2e(${kind}): ${acked.size} acknowledged, ${keys.size} consumed, ${lost.length} lost; failover ms ${JSON.stringify(failoverMs)}`,
    );
    expect(lost).toEqual([]);
  });
});

function text(line: string): string {
  return line.slice('SEND '.length);
}
