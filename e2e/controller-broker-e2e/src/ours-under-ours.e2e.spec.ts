/**
 * Our brokers under OUR controllers (docs/controller-mode-broker.md#tests): three controllers
 * (Raft), one replica set of three of our brokers with `allAckInSyncStateSet=true`, and one Java
 * producer sending steadily for the whole run.
 *
 * - `CONTROLLER_OURS_ROUNDS` (default 20) rounds: SIGKILL of the current master; every round the
 *   controllers elect another broker with a larger epoch; the killed broker restarts, follows as a
 *   slave and is back in the SyncStateSet before the next round. Failover time per round = the
 *   last acknowledgement stored by the old master → the first stored by the new one (both from the
 *   producer's clock; the storing broker is read from each offset message id).
 * - Half-way, SIGKILL of the controller leader: a new leader within two election timeouts, and the
 *   brokers keep acknowledging sends meanwhile; the remaining rounds run under the new leader.
 * - At the end: every acknowledged key is consumed, and the three commit logs are byte-equal.
 */
import { percentile } from '@rocketmq-ts/base';
import {
  allInSync as allReplicasInSync,
  createTopic,
  failoverRound,
  okFrom,
  type Replica,
  replicaSetView,
  runJava,
  servingLeader,
  settledCommitLogs,
  startJava,
  startLocalNamesrv,
  startOurControllerGroup,
  startReplica,
  storedAcksOf,
  waitFor,
} from '@rocketmq-ts/testing';
import type { ReplicasInfo } from '@rocketmq-ts/protocol';
import { describe, expect, it } from 'vitest';

import { useProcessHygiene } from './support/hygiene';

const ROUNDS = Number(process.env['CONTROLLER_OURS_ROUNDS'] ?? 20);
const ELECTION_TIMEOUT_MS = 1000;
const BROKER_NAME = 'broker-ours';
const TOPIC = 'OursUnderOursTopic';
const FAILOVER_GOAL_P99_MS = 10_000;

useProcessHygiene();

describe('controller mode: our brokers under our controllers', () => {
  it(`fails over ${ROUNDS} times under Java send load, survives a controller-leader SIGKILL, loses no acknowledged message`, async () => {
    const startedAt = Date.now();
    const namesrv = await startLocalNamesrv({ logFile: true });
    const group = await startOurControllerGroup({ count: 3, electionTimeoutMs: ELECTION_TIMEOUT_MS, scanNotActiveBrokerIntervalMs: 1000 });
    const alive = new Set(group.members.map((member) => member.id));
    await servingLeader(group.members);
    const brokers: Replica[] = [];
    for (let index = 0; index < 3; index++)
      brokers.push(await startReplica('ours', index, namesrv.addr, BROKER_NAME, group.controllerAddr));
    for (const broker of brokers) await createTopic({ brokerAddr: broker.addr, brokerName: BROKER_NAME, namesrvAddrs: [] }, TOPIC, 4);
    const view = replicaSetView(() => group.members.filter((member) => alive.has(member.id)).map((member) => member.port), BROKER_NAME);
    const allInSync = (): Promise<ReplicasInfo> => allReplicasInSync(view, brokers.length);
    await allInSync();

    const producer = startJava('InteropProducer', [
      '-n',
      namesrv.addr,
      '-t',
      TOPIC,
      '-c',
      '1000000',
      '--pause-ms',
      '10',
      '--poll-namesrv-ms',
      '500',
      '--timeout-ms',
      '3000',
      '--key-prefix',
      'ours',
    ]);
    const failoverMs: number[] = [];
    let controllerKill: { newLeaderMs: number; ackedMeanwhile: number; failedMeanwhile: number } | undefined;

    for (let round = 0; round < ROUNDS; round++) {
      const failover = await failoverRound(producer, brokers, view, `round ${round}`);
      failoverMs.push(failover.failoverMs);
      console.log(
        `ours-under-ours: round ${round}: killed ${failover.oldMaster} (epoch ${failover.oldEpoch}); ${failover.newMaster} master at epoch ${failover.newEpoch}; failover ${failover.failoverMs} ms`,
      );

      if (round === Math.floor(ROUNDS / 2)) {
        // The controller leader dies; sends must keep being acknowledged while the others elect.
        const leader = await servingLeader(group.members.filter((member) => alive.has(member.id)));
        await allInSync();
        const sendsBefore = storedAcksOf(producer).length;
        const killedAt = Date.now();
        leader.process.kill('SIGKILL');
        alive.delete(leader.id);
        await servingLeader(
          group.members.filter((member) => alive.has(member.id)),
          30_000,
        );
        const newLeaderMs = Date.now() - killedAt;
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        const meanwhile = storedAcksOf(producer)
          .slice(sendsBefore)
          .filter((ack) => ack.atMs >= killedAt);
        controllerKill = {
          newLeaderMs,
          ackedMeanwhile: meanwhile.filter((ack) => ack.status === 'SEND_OK').length,
          failedMeanwhile: meanwhile.filter((ack) => ack.status !== 'SEND_OK').length,
        };
        console.log(
          `ours-under-ours: controller leader ${leader.id} SIGKILLed; new leader after ${newLeaderMs} ms (election timeout ${ELECTION_TIMEOUT_MS}–${2 * ELECTION_TIMEOUT_MS} ms); ${controllerKill.ackedMeanwhile} sends acknowledged, ${controllerKill.failedMeanwhile} not, in the 3 s after`,
        );
      }
    }

    // Idle: the killed broker of the last round is back in the set; stop sending and compare.
    const final = await allInSync();
    const lastMaster = final.masterAddress as string;
    const lastCount = okFrom(storedAcksOf(producer), lastMaster).length;
    await waitFor(() => okFrom(storedAcksOf(producer), lastMaster).length >= lastCount + 50, {
      timeoutMs: 60_000,
      intervalMs: 100,
      reason: 'sends acknowledged after the last round',
    });
    producer.child.kill('SIGTERM');
    await producer.child.waitForExit({ timeoutMs: 30_000, reason: 'producer stopped' });
    const acks = storedAcksOf(producer);
    const acked = new Set(acks.filter((ack) => ack.status === 'SEND_OK').map((ack) => ack.key));

    const logs = await settledCommitLogs(brokers);
    expect(logs.differing).toEqual([]);

    const consumed = await runJava(
      'InteropConsumer',
      [
        '-n',
        namesrv.addr,
        '-t',
        TOPIC,
        '-g',
        `ours_e2e_${Date.now()}`,
        '-c',
        String(acked.size),
        '--linger-ms',
        '5000',
        '--timeout-ms',
        '240000',
      ],
      300_000,
    );
    const keys = new Set(
      consumed.lines.filter((line) => line.startsWith('RECV {')).map((line) => (JSON.parse(line.slice(5)) as { key: string }).key),
    );
    const lost = [...acked].filter((key) => !keys.has(key));
    const wallS = Math.round((Date.now() - startedAt) / 1000);
    console.log(
      `ours-under-ours: ${ROUNDS} rounds, ${acks.length} sends answered, ${acked.size} acknowledged, ${keys.size} distinct keys consumed, ${lost.length} lost; ` +
        `failover p50 ${percentile(failoverMs, 50)} ms, p99 ${percentile(failoverMs, 99)} ms, max ${Math.max(...failoverMs)} ms (goal p99 ≤ ${FAILOVER_GOAL_P99_MS} ms); commit logs byte-equal at ${logs.maxOffset} bytes; wall ${wallS} s`,
    );
    expect(lost).toEqual([]);
    expect(failoverMs).toHaveLength(ROUNDS);
    expect(percentile(failoverMs, 99)).toBeLessThanOrEqual(FAILOVER_GOAL_P99_MS);
    if (controllerKill !== undefined) {
      // The randomized election timeout lies in [t, 2t): a follower notices within 2t, then one vote round.
      expect(controllerKill.newLeaderMs).toBeLessThanOrEqual(2 * 2 * ELECTION_TIMEOUT_MS);
      expect(controllerKill.ackedMeanwhile).toBeGreaterThan(0);
      expect(controllerKill.failedMeanwhile).toBe(0);
    }
  });
});
