/**
 * A master cut from every controller but not from its clients (docs/controller-mode-broker.md#tests).
 * Three of our controllers (Raft), three of our brokers with `allAckInSyncStateSet=true`; each
 * broker reaches the controllers only through its own proxies (libs/testing controller-proxy), so
 * the test can isolate one. A Java producer follows the name server; a pinned sender keeps writing
 * to the old master directly, as a client with a stale route would.
 *
 * Cut the master's proxies → the controllers elect another broker. Then:
 * - no two masters acknowledge at once: every acknowledged message lies, in the final epoch file,
 *   inside an epoch whose master is the broker that acknowledged it;
 * - the fenced old master stops acknowledging (its slaves left it; the SyncStateSet change it
 *   needs cannot be committed);
 * - healed, it rejoins as a slave, cuts the tail it wrote after the new master's epoch began, and
 *   all three commit logs end byte-equal; every acknowledged key is consumed.
 */
import type { ReplicasInfo } from '@rocketmq-ts/protocol';
import {
  allInSync as allReplicasInSync,
  commitLogMaxOffset,
  type ControllerProxies,
  createTopic,
  okFrom,
  type Replica,
  replicaSetView,
  runJava,
  servingLeader,
  settledCommitLogs,
  startControllerProxies,
  startJava,
  startLocalNamesrv,
  startOurControllerGroup,
  startReplica,
  storedAcksOf,
  waitFor,
} from '@rocketmq-ts/testing';
import { afterAll, describe, expect, it } from 'vitest';

import { epochAt, epochsOf } from './support/epochs';
import { useProcessHygiene } from './support/hygiene';
import { startPinnedSender } from './support/pinned-sender';

const BROKER_NAME = 'broker-cut';
const TOPIC = 'PartitionTopic';
/** How long the old master stays cut after the new master acknowledged: past slaveTimeout (3 s) several times. */
const CUT_AFTER_ELECTION_MS = 10_000;

useProcessHygiene();
const proxies: ControllerProxies[] = [];
afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()));
});

describe('controller mode: a master partitioned from the controllers', () => {
  it('is replaced, stops acknowledging, and rejoins as a slave cutting its divergent tail; no two masters acknowledge at once', async () => {
    const namesrv = await startLocalNamesrv({ logFile: true });
    const group = await startOurControllerGroup({ count: 3, electionTimeoutMs: 1000, scanNotActiveBrokerIntervalMs: 1000 });
    await servingLeader(group.members);
    const brokers: Replica[] = [];
    for (let index = 0; index < 3; index++) {
      const proxy = await startControllerProxies(group.members.map((member) => member.addr));
      proxies.push(proxy);
      brokers.push(await startReplica('ours', index, namesrv.addr, BROKER_NAME, proxy.controllerAddr));
    }
    for (const broker of brokers) await createTopic({ brokerAddr: broker.addr, brokerName: BROKER_NAME, namesrvAddrs: [] }, TOPIC, 4);
    const view = replicaSetView(() => group.members.map((member) => member.port), BROKER_NAME);
    const allInSync = (): Promise<ReplicasInfo> => allReplicasInSync(view, brokers.length);
    const before = await allInSync();
    const oldMaster = before.masterAddress as string;
    const oldIndex = brokers.findIndex((broker) => broker.addr === oldMaster);
    const masterOfEpoch = new Map<number, string>([[before.masterEpoch, oldMaster]]);

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
      'routed',
    ]);
    const pinned = startPinnedSender(oldMaster, TOPIC, 'pinned', 20);
    await waitFor(() => okFrom(storedAcksOf(producer), oldMaster).length >= 100 && okFrom(pinned.answers, oldMaster).length >= 20, {
      timeoutMs: 120_000,
      intervalMs: 100,
      reason: 'the master acknowledges both senders',
    });

    const cutAt = Date.now();
    (proxies[oldIndex] as ControllerProxies).cut();
    const after = await waitFor(
      async () => {
        const info = await view();
        return info?.masterAddress !== undefined && info.masterAddress !== oldMaster && info.masterEpoch > before.masterEpoch
          ? info
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100, reason: 'the controllers elect another master' },
    );
    const newMaster = after.masterAddress as string;
    masterOfEpoch.set(after.masterEpoch, newMaster);
    const electedMs = Date.now() - cutAt;
    const firstNew = await waitFor(() => okFrom(storedAcksOf(producer), newMaster)[0], {
      timeoutMs: 60_000,
      intervalMs: 50,
      reason: `${newMaster} acknowledges routed sends`,
    });
    await new Promise((resolve) => setTimeout(resolve, CUT_AFTER_ELECTION_MS));
    const oldMaxWhileCut = await commitLogMaxOffset(oldMaster);
    const pinnedWhileCut = pinned.answers.filter((answer) => answer.atMs > firstNew.atMs);

    (proxies[oldIndex] as ControllerProxies).heal();
    await allInSync();
    await pinned.stop();
    const healedCount = okFrom(storedAcksOf(producer), newMaster).length;
    await waitFor(() => okFrom(storedAcksOf(producer), newMaster).length >= healedCount + 50, {
      timeoutMs: 60_000,
      intervalMs: 100,
      reason: 'sends acknowledged after the heal',
    });
    producer.child.kill('SIGTERM');
    await producer.child.waitForExit({ timeoutMs: 30_000, reason: 'producer stopped' });

    const logs = await settledCommitLogs(brokers);
    expect(logs.differing).toEqual([]);

    // Every acknowledgement lies in an epoch led by the broker that gave it.
    const newIndex = brokers.findIndex((broker) => broker.addr === newMaster);
    const epochs = epochsOf((brokers[newIndex] as Replica).storeRoot);
    expect(epochsOf((brokers[oldIndex] as Replica).storeRoot)).toEqual(epochs);
    const newEpochStart = epochs.find((entry) => entry.epoch === after.masterEpoch)?.startOffset;
    const acked = [...storedAcksOf(producer), ...pinned.answers].filter((ack) => ack.status === 'SEND_OK');
    const misplaced = acked.filter((ack) => masterOfEpoch.get(epochAt(epochs, ack.physicalOffset) ?? -1) !== ack.storeHost);
    const pinnedAckedWhileCut = pinnedWhileCut.filter((answer) => answer.status === 'SEND_OK');
    const divergentBytes = newEpochStart === undefined ? 0 : Math.max(0, oldMaxWhileCut - newEpochStart);

    const consumed = await runJava(
      'InteropConsumer',
      [
        '-n',
        namesrv.addr,
        '-t',
        TOPIC,
        '-g',
        `cut_e2e_${Date.now()}`,
        '-c',
        String(acked.length),
        '--linger-ms',
        '5000',
        '--timeout-ms',
        '180000',
      ],
      240_000,
    );
    const keys = new Set(
      consumed.lines.filter((line) => line.startsWith('RECV {')).map((line) => (JSON.parse(line.slice(5)) as { key: string }).key),
    );
    const lost = acked.filter((ack) => !keys.has(ack.key)).map((ack) => ack.key);
    console.log(
      `partition: cut ${oldMaster} (epoch ${before.masterEpoch}) from the controllers; ${newMaster} elected at epoch ${after.masterEpoch} after ${electedMs} ms (epoch start ${newEpochStart}); ` +
        `while cut the old master answered ${pinnedWhileCut.length} pinned sends, acknowledged ${pinnedAckedWhileCut.length} (codes ${[...new Set(pinnedWhileCut.map((answer) => answer.status))].join(',')}); ` +
        `its divergent tail ${divergentBytes} bytes, cut on rejoin; ${acked.length} acknowledged in all, ${misplaced.length} outside their broker's epoch, ${lost.length} lost; logs byte-equal at ${logs.maxOffset}`,
    );
    expect(misplaced).toEqual([]);
    expect(pinnedWhileCut.length).toBeGreaterThan(0);
    expect(pinnedAckedWhileCut).toEqual([]);
    // The refused writes stayed in the old master's log past the new epoch's start; byte-equal logs
    // above mean the rejoin cut them.
    expect(divergentBytes).toBeGreaterThan(0);
    expect(lost).toEqual([]);
  });
});
