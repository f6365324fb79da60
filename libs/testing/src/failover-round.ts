import type { ReplicasInfo } from '@rocketmq-ts/protocol';

import { controllerReplicas } from './controller-group';
import type { Replica } from './controller-replicas';
import type { RunningJava } from './java-client';
import { okFrom, type StoredAck, storedAcksOf } from './stored-acks';
import { waitFor } from './wait-for';

// One controller-mode failover, timed the same way wherever it is measured (the ours-under-ours
// suite and bench:controller-failover, docs/controller.md#failover-benchmark): from the last send
// the old master acknowledged to the first the new master acknowledged, both on the producer's
// clock, the storing broker read from each offset message id. Controller-side times (election,
// route) are left out on purpose: what a producer sees is the figure that matters.

/** The replica set as the controllers see it now; undefined while none answers. */
export type ReplicaSetView = () => Promise<ReplicasInfo | undefined>;

/**
 * The set `brokerName` as the first of `ports()` to answer 1006 sees it: any controller, ours or
 * Apache's, answers it (a follower of ours forwards or refuses; a refusal just moves on).
 */
export function replicaSetView(ports: () => readonly number[], brokerName: string): ReplicaSetView {
  return async () => {
    for (const port of ports()) {
      const info = await controllerReplicas(port, brokerName).catch(() => undefined);
      if (info !== undefined) return info;
    }
    return undefined;
  };
}

export interface FailoverRound {
  readonly oldMaster: string;
  readonly oldEpoch: number;
  readonly newMaster: string;
  readonly newEpoch: number;
  /** Last acknowledgement stored by the old master → first stored by the new one. */
  readonly failoverMs: number;
}

/** Waits until the set has a master and all `size` replicas in its SyncStateSet. */
export function allInSync(view: ReplicaSetView, size: number, timeoutMs = 120_000): Promise<ReplicasInfo> {
  return waitFor(
    async () => {
      const info = await view();
      return info !== undefined && info.masterAddress !== undefined && info.inSyncReplicas.length === size ? info : undefined;
    },
    { timeoutMs, intervalMs: 250, reason: `a master and all ${size} replicas in the SyncStateSet` },
  );
}

/**
 * With every replica in sync and `producer` sending: SIGKILL of the master once it has
 * acknowledged 50 more sends, a new master with a larger epoch waited for, the failover timed
 * from the acks, and the victim restarted (it rejoins as a slave; the caller waits for the set).
 */
export async function failoverRound(
  producer: RunningJava,
  replicas: readonly Replica[],
  view: ReplicaSetView,
  label: string,
): Promise<FailoverRound> {
  const before = await allInSync(view, replicas.length);
  const oldMaster = before.masterAddress as string;
  const ackedBefore = okFrom(storedAcksOf(producer), oldMaster).length;
  await waitFor(() => okFrom(storedAcksOf(producer), oldMaster).length >= ackedBefore + 50, {
    timeoutMs: 120_000,
    intervalMs: 100,
    reason: `${label}: the master ${oldMaster} acknowledges sends`,
  });

  const victim = replicas.find((replica) => replica.addr === oldMaster);
  if (victim === undefined) throw new Error(`${label}: the master ${oldMaster} is none of the replicas started`);
  await victim.kill();
  const after = await waitFor(
    async () => {
      const info = await view();
      return info?.masterAddress !== undefined && info.masterAddress !== oldMaster && info.masterEpoch > before.masterEpoch
        ? info
        : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100, reason: `${label}: the controllers elect another master` },
  );
  const newMaster = after.masterAddress as string;
  // The victim's acks all precede the kill; the new master's first ack is the first after them
  // (the same address may have been master in an earlier round: acks are in send order).
  const lastOld = okFrom(storedAcksOf(producer), oldMaster).at(-1) as StoredAck;
  const firstNew = await waitFor(() => okFrom(storedAcksOf(producer), newMaster).find((ack) => ack.atMs >= lastOld.atMs), {
    timeoutMs: 60_000,
    intervalMs: 50,
    reason: `${label}: ${newMaster} acknowledges sends`,
  });
  await victim.restart();
  return { oldMaster, oldEpoch: before.masterEpoch, newMaster, newEpoch: after.masterEpoch, failoverMs: firstNew.atMs - lastOld.atMs };
}
