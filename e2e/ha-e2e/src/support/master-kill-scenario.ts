import { waitFor } from '@rocketmq-ts/testing';

import { commitLogMaxOffset, consumerOffset, createTopic, queueMaxOffsets, routeOf, waitForSlaveCaughtUp } from './broker-queries';
import { ConsumeLedger } from './consume-ledger';
import { type DeploymentMode, startModeCluster } from './ha-cluster';
import { unique } from './hygiene';
import { type Ack, SendLoad, sleep } from './send-load';

const QUEUES = 4;
/** Producers' and consumers' route refresh (Java's pollNameServerInterval), short to keep the test short. */
export const ROUTE_REFRESH_MS = 5_000;
/** Name server noticing the dead master (its connection closes at once) plus one refresh of the clients. */
export const SWITCH_BUDGET_MS = ROUTE_REFRESH_MS + 3_000;

/** Settings every broker of these runs gets over its conf file. */
const TEST_SETTINGS = {
  // Slaves copy topics and offsets from the master every second instead of every minute.
  slaveSynchronizeIntervalMillis: '1000',
  // 64 MiB segments: a few rolls during the run, and quick preallocation.
  mapedFileSizeCommitLog: String(64 * 1024 * 1024),
};

export interface MasterKillResult {
  readonly acked: number;
  readonly ackedOnA: number;
  /** broker-a acks by status (SEND_OK, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE, FLUSH_DISK_TIMEOUT). */
  readonly ackStatusesOnA: Readonly<Record<string, number>>;
  /** broker-a acks the slave did not hold when the master died: lost if the master's disk were gone. */
  readonly notOnSlave: readonly Ack[];
  /** Of those, the ones answered SEND_OK. */
  readonly sendOkNotOnSlave: readonly Ack[];
  /** broker-a messages delivered while its master was down: they came from the slave. */
  readonly consumedFromSlave: number;
  /** broker-a acks on the slave that the group had not received by the end of the down phase. */
  readonly undeliveredWhileDown: readonly Ack[];
  /** From the kill to the last send attempt that still went to broker-a. */
  readonly lastAttemptOnDeadMasterMs: number;
  readonly failedSendsAfterKill: number;
  readonly ackedOnAAfterRestart: number;
  readonly slaveCatchUpMs: number;
  /** The group's offsets on the restarted master reached every queue's end (consumption resumed there). */
  readonly masterOffsetsCaughtUp: boolean;
  /** Acks never delivered, after the master came back and everything drained. */
  readonly lost: readonly Ack[];
  readonly duplicates: number;
}

/**
 * broker-a's master is SIGKILLed while 8 producers send flat out to a topic on both groups and a consumer
 * group runs all along (held for the last 2 s before the kill so a backlog waits on broker-a).
 * Then: what the slave holds, what the group reads from it, where the producers send, and, after
 * the master is back, the slave's catch-up, the group's offsets on the master, loss and duplicates.
 */
export async function runMasterKill(mode: Extract<DeploymentMode, '2m-2s-sync' | '2m-2s-async'>): Promise<MasterKillResult> {
  const cluster = await startModeCluster(mode, ['broker-a', 'broker-b', 'broker-a-s', 'broker-b-s'], TEST_SETTINGS);
  const [masterA, slaveA, masterB] = [cluster.broker('broker-a'), cluster.broker('broker-a-s'), cluster.broker('broker-b')];
  const namesrvAddr = cluster.namesrv.address;
  const topic = unique('HaKill');
  const group = unique('ha_kill_group');
  await createTopic(
    namesrvAddr,
    [
      { address: masterA.address, brokerName: 'broker-a' },
      { address: masterB.address, brokerName: 'broker-b' },
    ],
    topic,
    QUEUES,
  );
  // The slave serves the topic once its metadata sync copied it.
  await waitFor(async () => (await queueMaxOffsets(slaveA.address, topic)).size === QUEUES, {
    timeoutMs: 20_000,
    intervalMs: 250,
    reason: `slave of broker-a knows ${topic}`,
  });

  const ledger = new ConsumeLedger(namesrvAddr, group, topic, { routeRefreshIntervalMs: ROUTE_REFRESH_MS });
  await ledger.start();
  const load = new SendLoad({ namesrvAddr, topic, senders: 8, bodyBytes: 512, pauseMs: 0, routeRefreshIntervalMs: ROUTE_REFRESH_MS });
  await load.start();
  try {
    await sleep(5_000);
    ledger.hold();
    await sleep(2_000);

    const killAt = Date.now();
    await masterA.kill();
    ledger.release();
    const acksOnA = load.acksOf('broker-a');
    const slaveOffsets = await stableQueueMaxOffsets(slaveA.address, topic);
    const notOnSlave = acksOnA.filter((ack) => ack.queueOffset >= (slaveOffsets.get(ack.queueId) ?? 0));

    // Master down: producers must leave broker-a; the group reads broker-a's backlog from the slave.
    await sleep(2 * ROUTE_REFRESH_MS);
    const onSlave = acksOnA.filter((ack) => !notOnSlave.includes(ack));
    const undeliveredWhileDown = await ledger.waitForAll(onSlave, 30_000);
    const restartAt = Date.now();
    const consumedFromSlave = ledger.deliveredBetween('broker-a', killAt, restartAt);
    const attemptsOnA = load.failures.filter(
      (failure) => failure.atMs >= killAt && (failure.broker === 'broker-a' || failure.message.includes(masterA.address)),
    );
    const lastAttemptOnDeadMasterMs = attemptsOnA.length === 0 ? 0 : Math.max(...attemptsOnA.map((failure) => failure.atMs)) - killAt;
    const failedSendsAfterKill = load.failures.filter((failure) => failure.final && failure.atMs >= killAt).length;

    // Master back: the slave catches up, producers return, the group's offsets move on the master.
    await masterA.start();
    await waitFor(
      async () =>
        (await routeOf(namesrvAddr, topic))?.brokerDatas.find((broker) => broker.brokerName === 'broker-a')?.brokerAddrs.get(0) ===
        masterA.address,
      {
        timeoutMs: 30_000,
        intervalMs: 250,
        reason: 'broker-a master routed again',
      },
    );
    await sleep(ROUTE_REFRESH_MS + 2_000);
    await load.stop();
    const ackedOnAAfterRestart = load.acksOf('broker-a').filter((ack) => ack.atMs > restartAt).length;
    const catchUpStarted = Date.now();
    await waitForSlaveCaughtUp(masterA.address, slaveA.address, 60_000);
    const slaveCatchUpMs = Date.now() - catchUpStarted;
    const lost = await ledger.waitForAll(load.acks, 60_000);
    const masterOffsetsCaughtUp = await groupOffsetsReachEnd(masterA.address, group, topic, 30_000);
    const ackStatusesOnA: Record<string, number> = {};
    for (const ack of load.acksOf('broker-a')) ackStatusesOnA[ack.status] = (ackStatusesOnA[ack.status] ?? 0) + 1;
    return {
      acked: load.acks.length,
      ackedOnA: load.acksOf('broker-a').length,
      ackStatusesOnA,
      notOnSlave,
      sendOkNotOnSlave: notOnSlave.filter((ack) => ack.status === 'SEND_OK'),
      consumedFromSlave,
      undeliveredWhileDown,
      lastAttemptOnDeadMasterMs,
      failedSendsAfterKill,
      ackedOnAAfterRestart,
      slaveCatchUpMs,
      masterOffsetsCaughtUp,
      lost,
      duplicates: ledger.duplicates(),
    };
  } finally {
    await load.stop().catch(() => undefined);
    await ledger.shutdown();
  }
}

/** The slave's queue ends once they stop moving (it may still be applying the last bytes it got). */
async function stableQueueMaxOffsets(address: string, topic: string): Promise<Map<number, number>> {
  let previous = await queueMaxOffsets(address, topic);
  let previousLog = await commitLogMaxOffset(address);
  for (let round = 0; round < 20; round += 1) {
    await sleep(500);
    const [current, log] = [await queueMaxOffsets(address, topic), await commitLogMaxOffset(address)];
    if (log === previousLog && [...current].every(([queueId, offset]) => previous.get(queueId) === offset)) return current;
    [previous, previousLog] = [current, log];
  }
  return previous;
}

/** True once the group's committed offset on `masterAddr` equals every queue's max offset there. */
async function groupOffsetsReachEnd(masterAddr: string, group: string, topic: string, timeoutMs: number): Promise<boolean> {
  try {
    await waitFor(
      async () => {
        const ends = await queueMaxOffsets(masterAddr, topic);
        for (const [queueId, end] of ends) if ((await consumerOffset(masterAddr, group, topic, queueId)) !== end) return false;
        return true;
      },
      { timeoutMs, intervalMs: 500, reason: `${group}'s offsets on ${masterAddr} reach the queue ends` },
    );
    return true;
  } catch {
    return false;
  }
}
