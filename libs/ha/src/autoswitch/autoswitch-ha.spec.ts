/**
 * The AutoSwitch HA protocol over real sockets and real stores: a new replica catches up and joins
 * the SyncStateSet, SYNC puts wait by the set's rules, consumers on both sides see only what the set
 * confirmed, and after a role swap the old master cuts
 * the tail the new master never had, then follows it (commit logs byte-equal).
 */
import { join } from 'node:path';

import { silentLogger } from '@rocketmq-ts/base';
import { EpochFile } from '@rocketmq-ts/store';
import { waitFor } from '@rocketmq-ts/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { commitLogBytes, openTestStore, putMessages, queueMessageNumbers, type StoreUnderTest } from '../testing/ha-fixtures';
import { AutoSwitchHAClient } from './autoswitch-client';
import { AutoSwitchHAServer, type SyncStateRules } from './autoswitch-server';
import { replicaStoreOf } from './autoswitch-store';

const FAST = { haSendHeartbeatIntervalMs: 100, haHousekeepingIntervalMs: 2_000, haReconnectMinDelayMs: 20 };
const ALL_ACK: SyncStateRules = { allAckInSyncStateSet: true, inSyncReplicas: 1, minInSyncReplicas: 1, haMaxTimeSlaveNotCatchupMs: 500 };

interface Replica {
  readonly id: number;
  readonly under: StoreUnderTest;
  readonly epochs: EpochFile;
}

async function replica(id: number, role: 'SYNC_MASTER' | 'SLAVE'): Promise<Replica> {
  const under = await openTestStore(role);
  return { id, under, epochs: EpochFile.open(join(under.dir.path, 'epochFileCheckpoint'), silentLogger) };
}

describe('AutoSwitch HA', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  function serve(master: Replica, rules: SyncStateRules, proposals: Array<ReadonlySet<number>>): AutoSwitchHAServer {
    const server = new AutoSwitchHAServer({
      store: replicaStoreOf(master.under.store, master.epochs),
      logger: silentLogger,
      localId: master.id,
      rules,
      config: FAST,
      onSyncStateSetChange: (set) => proposals.push(set),
    });
    cleanups.push(() => server.close());
    return server;
  }

  function follow(slave: Replica, address: string): AutoSwitchHAClient {
    const client = new AutoSwitchHAClient({
      store: replicaStoreOf(slave.under.store, slave.epochs),
      logger: silentLogger,
      localId: slave.id,
      config: FAST,
    });
    client.setMasterAddress(address);
    client.start();
    cleanups.push(() => client.stop());
    return client;
  }

  function track(...replicas: Replica[]): void {
    cleanups.push(async () => {
      for (const r of replicas) {
        await r.under.store.shutdown();
        r.under.dir.remove();
      }
    });
  }

  it('a new replica catches up, records the epoch, joins the set; SYNC puts then wait for it', async () => {
    const a = await replica(1, 'SYNC_MASTER');
    const b = await replica(2, 'SLAVE');
    track(a, b);
    a.epochs.append({ epoch: 1, startOffset: 0 });
    await putMessages(a.under.store, 0, 120);
    const proposals: Array<ReadonlySet<number>> = [];
    const server = serve(a, ALL_ACK, proposals);
    const port = await server.listen(0, '127.0.0.1');
    follow(b, `127.0.0.1:${port}`);
    await waitFor(() => b.under.store.getMaxPhyOffset() === a.under.store.getMaxPhyOffset(), {
      timeoutMs: 10_000,
      reason: 'slave caught up',
    });
    expect(b.epochs.list()).toEqual([{ epoch: 1, startOffset: 0 }]);
    await waitFor(() => proposals.length > 0, { timeoutMs: 5_000, reason: 'expand proposed' });
    expect([...(proposals[0] as ReadonlySet<number>)].sort()).toEqual([1, 2]);
    server.setSyncStateSet(new Set([1, 2]), 2);

    const end = await putMessages(a.under.store, 120, 121);
    expect(await server.waitForAcks(end, 3_000)).toBe('PUT_OK');
    expect(server.confirmOffset()).toBe(end);
    expect(commitLogBytes(b.under.config, 0, end).equals(commitLogBytes(a.under.config, 0, end))).toBe(true);
  });

  it('refuses or times out puts by the rules: minInSyncReplicas, a member that went away', async () => {
    const a = await replica(1, 'SYNC_MASTER');
    track(a);
    a.epochs.append({ epoch: 1, startOffset: 0 });
    const lonely = serve(a, { ...ALL_ACK, minInSyncReplicas: 2 }, []);
    expect(await lonely.waitForAcks(100, 1_000)).toBe('IN_SYNC_REPLICAS_NOT_ENOUGH');
    const proposals: Array<ReadonlySet<number>> = [];
    const server = serve(a, ALL_ACK, proposals);
    await server.listen(0, '127.0.0.1');
    server.setSyncStateSet(new Set([1, 2]), 3);
    const end = await putMessages(a.under.store, 0, 1);
    expect(await server.waitForAcks(end, 300)).toBe('FLUSH_SLAVE_TIMEOUT');
    expect([...(server.checkShrink() ?? [])]).toEqual([1]);
    expect([...(proposals[0] as ReadonlySet<number>)]).toEqual([1]);
  });

  it('a master demoted before its group wrote anything follows the new master though no epoch is in common', async () => {
    const a = await replica(1, 'SYNC_MASTER');
    const b = await replica(2, 'SLAVE');
    track(a, b);
    // A led epoch 1 and wrote nothing; B took over at epoch 2 from the same offset, which replaces epoch 1.
    a.epochs.append({ epoch: 1, startOffset: 0 });
    await b.under.store.setRole('SYNC_MASTER');
    b.epochs.append({ epoch: 2, startOffset: 0 });
    await putMessages(b.under.store, 0, 20);
    const serverB = serve(b, ALL_ACK, []);
    const portB = await serverB.listen(0, '127.0.0.1');

    await a.under.store.setRole('SLAVE');
    const clientA = follow(a, `127.0.0.1:${portB}`);
    await waitFor(() => a.under.store.getMaxPhyOffset() === b.under.store.getMaxPhyOffset() || undefined, {
      timeoutMs: 10_000,
      reason: 'the demoted empty master copies the new master’s log',
    });
    expect(clientA.stats().truncations).toBe(0);
    const end = b.under.store.getMaxPhyOffset();
    expect(commitLogBytes(a.under.config, 0, end).equals(commitLogBytes(b.under.config, 0, end))).toBe(true);
  });

  it('consumers on the master and the slave see only what the SyncStateSet confirmed', async () => {
    const a = await replica(1, 'SYNC_MASTER');
    const b = await replica(2, 'SLAVE');
    track(a, b);
    a.epochs.append({ epoch: 1, startOffset: 0 });
    await putMessages(a.under.store, 0, 20);
    const server = serve(a, ALL_ACK, []);
    const port = await server.listen(0, '127.0.0.1');
    // Member 3 never connects: the confirm offset stays where it was (RocketMQ #6662).
    server.setSyncStateSet(new Set([1, 2, 3]), 2);
    const confirmed = a.under.store.getMaxPhyOffset();
    const end = await putMessages(a.under.store, 20, 25);
    follow(b, `127.0.0.1:${port}`);
    await waitFor(() => b.under.store.getMaxPhyOffset() === end, { timeoutMs: 10_000, reason: 'slave copied everything' });
    expect(server.confirmOffset()).toBe(confirmed);
    const visible = async (r: Replica): Promise<number[]> =>
      ([] as number[])
        .concat(...(await Promise.all([0, 1, 2, 3].map((queueId) => queueMessageNumbers(r.under.store, queueId)))))
        .sort((x, y) => x - y);
    const first20 = Array.from({ length: 20 }, (_, index) => index);
    await waitFor(() => a.under.store.dispatchBehindBytes() === 0 && b.under.store.dispatchBehindBytes() === 0, {
      timeoutMs: 5_000,
      reason: 'dispatch up to the horizon',
    });
    expect(await visible(a)).toEqual(first20);
    expect(await visible(b)).toEqual(first20);
    expect(b.under.store.getConfirmOffset()).toBe(confirmed);

    // The controller drops the absent member: b's ack confirms the rest on both sides.
    server.setSyncStateSet(new Set([1, 2]), 3);
    expect(server.confirmOffset()).toBe(end);
    const all = Array.from({ length: 25 }, (_, index) => index);
    await waitFor(async () => (await visible(a)).length === 25 && (await visible(b)).length === 25, {
      timeoutMs: 5_000,
      reason: 'the confirmed rest dispatched on both',
    });
    expect(await visible(b)).toEqual(all);
  });

  it('a put the slave has not acknowledged stays invisible until the set shrinks', async () => {
    const a = await replica(1, 'SYNC_MASTER');
    const b = await replica(2, 'SLAVE');
    track(a, b);
    a.epochs.append({ epoch: 1, startOffset: 0 });
    const server = serve(a, ALL_ACK, []);
    const port = await server.listen(0, '127.0.0.1');
    const client = follow(b, `127.0.0.1:${port}`);
    server.setSyncStateSet(new Set([1, 2]), 2);
    const acked = await putMessages(a.under.store, 0, 1);
    expect(await server.waitForAcks(acked, 3_000)).toBe('PUT_OK');
    await client.stop();
    const end = await putMessages(a.under.store, 1, 2);
    expect(await server.waitForAcks(end, 300)).toBe('FLUSH_SLAVE_TIMEOUT');
    await waitFor(() => a.under.store.dispatchBehindBytes() === 0, { timeoutMs: 5_000, reason: 'dispatch up to the horizon' });
    expect(a.under.store.getConfirmOffset()).toBe(acked);
    expect(await queueMessageNumbers(a.under.store, 1)).toEqual([]);
    server.setSyncStateSet(new Set([1]), 3);
    await waitFor(async () => (await queueMessageNumbers(a.under.store, 1)).length === 1, {
      timeoutMs: 5_000,
      reason: 'a lone master confirms its whole log',
    });
  });

  it('after a role swap the old master truncates what the new master never had and follows it', async () => {
    const a = await replica(1, 'SYNC_MASTER');
    const b = await replica(2, 'SLAVE');
    track(a, b);
    a.epochs.append({ epoch: 1, startOffset: 0 });
    await putMessages(a.under.store, 0, 60);
    const serverA = serve(a, ALL_ACK, []);
    const portA = await serverA.listen(0, '127.0.0.1');
    const clientB = follow(b, `127.0.0.1:${portA}`);
    await waitFor(() => b.under.store.getMaxPhyOffset() === a.under.store.getMaxPhyOffset(), {
      timeoutMs: 10_000,
      reason: 'slave caught up',
    });
    const shared = b.under.store.getMaxPhyOffset();

    // Partition: B stops following; A writes a tail nobody else has.
    await clientB.stop();
    await putMessages(a.under.store, 1000, 1010);
    expect(a.under.store.getMaxPhyOffset()).toBeGreaterThan(shared);
    await serverA.close();

    // B is elected at epoch 2 and takes writes.
    await b.under.store.setRole('SYNC_MASTER');
    b.epochs.append({ epoch: 2, startOffset: b.under.store.getMaxPhyOffset() });
    await putMessages(b.under.store, 60, 90);
    const serverB = serve(b, ALL_ACK, []);
    const portB = await serverB.listen(0, '127.0.0.1');

    // A is demoted: cut to the consistent point, then copy epoch 2.
    await a.under.store.setRole('SLAVE');
    const clientA = follow(a, `127.0.0.1:${portB}`);
    await waitFor(() => a.under.store.getMaxPhyOffset() === b.under.store.getMaxPhyOffset() && a.under.store.dispatchBehindBytes() === 0, {
      timeoutMs: 10_000,
      reason: 'old master follows the new one',
    });
    expect(clientA.stats().truncations).toBe(1);
    expect(a.epochs.list()).toEqual([
      { epoch: 1, startOffset: 0 },
      { epoch: 2, startOffset: shared },
    ]);
    const end = b.under.store.getMaxPhyOffset();
    expect(commitLogBytes(a.under.config, 0, end).equals(commitLogBytes(b.under.config, 0, end))).toBe(true);
    const numbers = ([] as number[]).concat(
      ...(await Promise.all([0, 1, 2, 3].map((queueId) => queueMessageNumbers(a.under.store, queueId)))),
    );
    expect(numbers.filter((n) => n >= 1000)).toEqual([]);
    expect(numbers.sort((x, y) => x - y)).toEqual(Array.from({ length: 90 }, (_, index) => index));
  });
});
