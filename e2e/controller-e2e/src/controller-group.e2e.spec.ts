import { javaLines, processes, startJava, startLocalNamesrv, uniqueName, useProcessHygiene, waitFor } from '@rocketmq-ts/testing';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startControllerModeBroker } from './support/controller-mode-broker';
import { replicas, servingLeader, startOurControllerGroup } from './support/controllers';

useProcessHygiene({ beforeEach, afterAll });
afterEach(() => processes.stopAll({ graceMs: 10_000 }));

const ELECTION_TIMEOUT_MS = 1000;

interface SendLine {
  readonly status?: string;
  readonly atMs: number;
}

/**
 * Three of our controllers (Raft), two Apache 5.3.3 brokers in controller mode and a Java producer:
 * SIGKILL the Raft leader; a new leader must serve within 2 × the election timeout (its randomized
 * range is [t, 2t)), the broker set keeps its master and the producer keeps getting acks.
 */
describe('Controller mode > three controllers > SIGKILL of the Raft leader', () => {
  it('elects a new controller leader within two election timeouts while the brokers keep serving, and it then replaces a dead master', async () => {
    const namesrv = await startLocalNamesrv({ logFile: true });
    const group = await startOurControllerGroup(3, ELECTION_TIMEOUT_MS);
    const leader = await servingLeader(group.members);
    const brokerName = uniqueName('cm_group');
    const brokerA = await startControllerModeBroker(namesrv.addr, group.controllerAddr, brokerName, 'group-a');
    await waitFor(async () => (await replicas(leader.port, brokerName))?.masterBrokerId !== undefined, {
      timeoutMs: 60_000,
      intervalMs: 500,
      reason: 'first broker elected',
    });
    const brokerB = await startControllerModeBroker(namesrv.addr, group.controllerAddr, brokerName, 'group-b');
    await waitFor(async () => (await replicas(leader.port, brokerName))?.inSyncReplicas.length === 2, {
      timeoutMs: 90_000,
      intervalMs: 500,
      reason: 'both brokers in sync',
    });
    const before = await replicas(leader.port, brokerName);

    const topic = uniqueName('CmGroupTopic');
    const producer = startJava('InteropProducer', [
      '-n',
      namesrv.addr,
      '-t',
      topic,
      '-c',
      '1000',
      '--pause-ms',
      '20',
      '--poll-namesrv-ms',
      '1000',
      '--key-prefix',
      topic,
      '--timeout-ms',
      '3000',
    ]);
    await waitFor(() => producer.child.lines().filter((line) => line.text.startsWith('SEND ')).length >= 200, {
      timeoutMs: 90_000,
      intervalMs: 100,
      reason: '200 sends before the kill',
    });

    const killedAtMs = Date.now();
    leader.process.kill('SIGKILL');
    const rest = group.members.filter((member) => member !== leader);
    const next = await servingLeader(rest, 30_000);
    const newLeaderMs = Date.now() - killedAtMs;

    const run = await producer.finished(240_000);
    const sends = javaLines(run, 'SEND') as unknown as SendLine[];
    const acked = sends.filter((send) => send.status === 'SEND_OK');
    const after = await replicas(next.port, brokerName);
    process.stdout.write(
      `[controller-e2e] 3 controllers: new serving leader ${newLeaderMs} ms after SIGKILL of the old (election timeout ${ELECTION_TIMEOUT_MS}–${2 * ELECTION_TIMEOUT_MS} ms); ` +
        `${acked.length}/1000 acknowledged, ${acked.filter((send) => send.atMs > killedAtMs).length} after the kill; master ${before?.masterBrokerId} epoch ${before?.masterEpoch} → ${after?.masterBrokerId} epoch ${after?.masterEpoch}\n`,
    );
    expect(newLeaderMs).toBeLessThanOrEqual(2 * 2 * ELECTION_TIMEOUT_MS);
    expect(after?.masterBrokerId).toBe(before?.masterBrokerId);
    expect(after?.masterEpoch).toBe(before?.masterEpoch);
    expect(acked.length).toBe(1000);

    // The new controller leader also replaces a dead master: SIGKILL the broker master now.
    const master = [brokerA, brokerB].find((broker) => broker.addr === after?.masterAddress);
    master?.process.kill('SIGKILL');
    await waitFor(
      async () => {
        const now = await replicas(next.port, brokerName).catch(() => undefined);
        return now?.masterBrokerId !== undefined && now.masterBrokerId !== after?.masterBrokerId;
      },
      { timeoutMs: 30_000, intervalMs: 250, reason: 'the new controller leader elected the slave' },
    );
    expect((await replicas(next.port, brokerName))?.masterEpoch).toBe((after?.masterEpoch ?? 0) + 1);
  });
});
