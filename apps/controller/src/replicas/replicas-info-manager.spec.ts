import { ElectMasterResponseBody, ElectMasterResponseHeader, ResponseCode, SyncStateSet } from '@rocketmq-ts/protocol';
import { describe, expect, it } from 'vitest';

import { FakeLiveness } from '../testing/fake-liveness';
import { type ControllerDecision, ReplicasInfoManager } from './replicas-info-manager';

const B = 'broker-a';

function committed(manager: ReplicasInfoManager, decision: ControllerDecision): ControllerDecision {
  for (const event of decision.events) manager.apply(event);
  return decision;
}

/** A set with replicas 1..n registered; when `elect` is set, 1 is master with every id in sync. */
function setup(count: number, options: { elect?: boolean; unclean?: boolean } = {}) {
  const liveness = new FakeLiveness();
  const manager = new ReplicasInfoManager(liveness, { enableElectUncleanMaster: options.unclean ?? false });
  for (let id = 1; id <= count; id++) {
    liveness.set(B, id);
    expect(
      committed(
        manager,
        manager.applyBrokerId({ clusterName: 'c', brokerName: B, appliedBrokerId: id, registerCheckCode: `127.0.0.1:${30000 + id};1` }),
      ).reply.code,
    ).toBe(0);
  }
  if (options.elect) {
    expect(
      committed(manager, manager.electMaster({ clusterName: 'c', brokerName: B, brokerId: 1, designateElect: false })).reply.code,
    ).toBe(0);
    if (count > 1) {
      const ids = Array.from({ length: count }, (_, index) => index + 1);
      const decision = manager.alterSyncStateSet(
        { brokerName: B, masterBrokerId: 1, masterEpoch: 1, invokeTime: 0 },
        { syncStateSet: ids, syncStateSetEpoch: 1 },
      );
      expect(committed(manager, decision).reply.code).toBe(0);
    }
  }
  return { manager, liveness };
}

describe('Controller > ReplicasInfoManager > registration', () => {
  it('hands out 1 for an unknown set, then the next id after each claim', () => {
    const { manager } = setup(0);
    expect(manager.getNextBrokerId({ brokerName: B }).reply.extFields).toMatchObject({ nextBrokerId: '1' });
    committed(manager, manager.applyBrokerId({ brokerName: B, appliedBrokerId: 1, registerCheckCode: 'a:1;1' }));
    expect(manager.getNextBrokerId({ brokerName: B }).reply.extFields).toMatchObject({ nextBrokerId: '2' });
  });

  it('refuses with 2014 a first claim other than 1, and a used id with another check code; accepts a retry with the same code without a new event', () => {
    const { manager } = setup(0);
    expect(manager.applyBrokerId({ brokerName: B, appliedBrokerId: 2, registerCheckCode: 'a:1;1' }).reply.code).toBe(
      ResponseCode.CONTROLLER_BROKER_ID_INVALID,
    );
    committed(manager, manager.applyBrokerId({ brokerName: B, appliedBrokerId: 1, registerCheckCode: 'a:1;1' }));
    expect(manager.applyBrokerId({ brokerName: B, appliedBrokerId: 1, registerCheckCode: 'b:2;5' }).reply.code).toBe(
      ResponseCode.CONTROLLER_BROKER_ID_INVALID,
    );
    const retry = manager.applyBrokerId({ brokerName: B, appliedBrokerId: 1, registerCheckCode: 'a:1;1' });
    expect(retry.reply.code).toBe(0);
    expect(retry.events).toEqual([]);
  });

  it('answers 1003 for an unknown id with 2010, and records a changed address as an event', () => {
    const { manager } = setup(1, { elect: true });
    expect(manager.registerBroker({ brokerName: B, brokerId: 9, brokerAddress: 'x:1', invokeTime: 0 }).reply.code).toBe(
      ResponseCode.CONTROLLER_BROKER_NEED_TO_BE_REGISTERED,
    );
    expect(manager.registerBroker({ brokerName: 'nope', brokerId: 1, invokeTime: 0 }).reply.code).toBe(
      ResponseCode.CONTROLLER_BROKER_NEED_TO_BE_REGISTERED,
    );
    const moved = committed(
      manager,
      manager.registerBroker({ clusterName: 'c', brokerName: B, brokerId: 1, brokerAddress: '127.0.0.1:40000', invokeTime: 0 }),
    );
    expect(moved.events).toHaveLength(1);
    expect(moved.reply.extFields).toMatchObject({ masterBrokerId: '1', masterAddress: '127.0.0.1:40000', masterEpoch: '1' });
    expect(manager.replicaInfo(B)?.brokers.get(1)?.address).toBe('127.0.0.1:40000');
  });

  it('leaves the master fields out of the 1003 reply while the master is dead', () => {
    const { manager, liveness } = setup(2, { elect: true });
    liveness.kill(B, 1);
    const reply = manager.registerBroker({
      clusterName: 'c',
      brokerName: B,
      brokerId: 2,
      brokerAddress: '127.0.0.1:30002',
      invokeTime: 0,
    }).reply;
    expect(reply.extFields).toEqual({ clusterName: 'c', brokerName: B });
    expect(SyncStateSet.decode(reply.body ?? Buffer.alloc(0))).toEqual({ syncStateSet: [1, 2], syncStateSetEpoch: 2 });
  });

  it('answers 1004 for an unknown set with 2008', () => {
    const { manager } = setup(0);
    expect(manager.getReplicaInfo(B).reply.code).toBe(ResponseCode.CONTROLLER_BROKER_METADATA_NOT_EXIST);
  });
});

describe('Controller > ReplicasInfoManager > elections', () => {
  it('lets the first broker that asks win, bumping both epochs and resetting the set to it', () => {
    const { manager, liveness } = setup(2);
    liveness.kill(B, 2);
    const decision = committed(manager, manager.electMaster({ clusterName: 'c', brokerName: B, brokerId: 2, designateElect: false }));
    expect(decision.reply.code).toBe(0);
    expect(ElectMasterResponseHeader.decode(decision.reply.extFields)).toEqual({
      masterBrokerId: 2,
      masterAddress: '127.0.0.1:30002',
      masterEpoch: 1,
      syncStateSetEpoch: 1,
    });
    expect(ElectMasterResponseBody.decode(decision.reply.body ?? Buffer.alloc(0)).brokerMemberGroup?.brokerAddrs.size).toBe(2);
    expect(manager.syncState(B)).toMatchObject({ masterBrokerId: 2, masterEpoch: 1, syncStateSetEpoch: 1, syncStateSet: new Set([2]) });
  });

  it('answers 2010 for an unknown set', () => {
    const { manager } = setup(0);
    expect(manager.electMaster({ clusterName: 'c', brokerName: B, brokerId: 1, designateElect: false }).reply.code).toBe(
      ResponseCode.CONTROLLER_BROKER_NEED_TO_BE_REGISTERED,
    );
  });

  it('answers 2011 with the master header and the current set while the old master lives', () => {
    const { manager } = setup(2, { elect: true });
    const decision = manager.electMaster({ clusterName: 'c', brokerName: B, brokerId: 2, designateElect: false });
    expect(decision.reply.code).toBe(ResponseCode.CONTROLLER_MASTER_STILL_EXIST);
    expect(decision.events).toEqual([]);
    expect(ElectMasterResponseBody.decode(decision.reply.body ?? Buffer.alloc(0))).toEqual({
      brokerMemberGroup: undefined,
      syncStateSet: [1, 2],
    });
  });

  it('prefers, among live in-sync replicas, the higher epoch, then the higher offset, then the lower priority value, then the lower id', () => {
    const { manager, liveness } = setup(4, { elect: true });
    liveness.kill(B, 1);
    liveness
      .set(B, 2, { epoch: 1, maxOffset: 100 })
      .set(B, 3, { epoch: 1, maxOffset: 2 ** 40 })
      .set(B, 4, { epoch: 0, maxOffset: 2 ** 50 });
    expect(manager.electMaster({ clusterName: 'c', brokerName: B, brokerId: -1, designateElect: false }).events).toEqual([
      { type: 'ELECT_MASTER', brokerName: B, newMasterElected: true, newMasterBrokerId: 3 },
    ]);
    liveness.set(B, 2, { epoch: 1, maxOffset: 2 ** 40, electionPriority: 1 });
    expect(manager.electMaster({ clusterName: 'c', brokerName: B, brokerId: -1, designateElect: false }).events[0]).toMatchObject({
      newMasterBrokerId: 2,
    });
    liveness.set(B, 2, { epoch: 1, maxOffset: 2 ** 40 });
    expect(manager.electMaster({ clusterName: 'c', brokerName: B, brokerId: -1, designateElect: false }).events[0]).toMatchObject({
      newMasterBrokerId: 2,
    });
  });

  it('elects a designated in-sync replica (mqadmin electMaster) and nobody else when it cannot win', () => {
    const { manager, liveness } = setup(3, { elect: true });
    expect(
      committed(manager, manager.electMaster({ clusterName: 'c', brokerName: B, brokerId: 3, designateElect: true })).events[0],
    ).toMatchObject({ newMasterBrokerId: 3 });
    liveness.kill(B, 2);
    const refused = manager.electMaster({ clusterName: 'c', brokerName: B, brokerId: 2, designateElect: true });
    expect(refused.reply.code).toBe(ResponseCode.CONTROLLER_ELECT_MASTER_FAILED);
    expect(refused.events).toEqual([]);
  });

  it('commits "no master" and answers 2004 when a controller-triggered election finds nobody; a broker-triggered one answers 2012 and commits nothing', () => {
    const { manager, liveness } = setup(2, { elect: true });
    liveness.kill(B, 1).kill(B, 2);
    expect(manager.electMaster({ clusterName: 'c', brokerName: B, brokerId: 2, designateElect: false }).reply.code).toBe(
      ResponseCode.CONTROLLER_ELECT_MASTER_FAILED,
    );
    const failed = committed(manager, manager.electMaster({ clusterName: 'c', brokerName: B, brokerId: -1, designateElect: false }));
    expect(failed.reply.code).toBe(ResponseCode.CONTROLLER_MASTER_NOT_AVAILABLE);
    expect(manager.syncState(B)).toMatchObject({ masterBrokerId: undefined, masterEpoch: 2, syncStateSet: new Set([1, 2]) });
  });

  it('never elects outside the set unless unclean election is enabled', () => {
    for (const unclean of [false, true]) {
      const { manager, liveness } = setup(2, { elect: true, unclean });
      committed(
        manager,
        manager.alterSyncStateSet(
          { brokerName: B, masterBrokerId: 1, masterEpoch: 1, invokeTime: 0 },
          { syncStateSet: [1], syncStateSetEpoch: 2 },
        ),
      );
      liveness.kill(B, 1);
      const decision = manager.electMaster({ clusterName: 'c', brokerName: B, brokerId: -1, designateElect: false });
      expect(decision.events[0]).toEqual(
        unclean
          ? { type: 'ELECT_MASTER', brokerName: B, newMasterElected: true, newMasterBrokerId: 2 }
          : { type: 'ELECT_MASTER', brokerName: B, newMasterElected: false },
      );
    }
  });
});

describe('Controller > ReplicasInfoManager > SyncStateSet changes', () => {
  const header = { brokerName: B, masterBrokerId: 1, masterEpoch: 1, invokeTime: 0 };

  it('accepts a valid shrink, bumping the set epoch', () => {
    const { manager } = setup(2, { elect: true });
    const decision = committed(manager, manager.alterSyncStateSet(header, { syncStateSet: [1], syncStateSetEpoch: 2 }));
    expect(decision.reply.extFields).toEqual({ newSyncStateSetEpoch: '3' });
    expect(manager.syncState(B)).toMatchObject({ syncStateSetEpoch: 3, syncStateSet: new Set([1]) });
  });

  it.each([
    ['an unchanged set', header, [1, 2], 2, ResponseCode.CONTROLLER_ALTER_SYNC_STATE_SET_FAILED],
    ['a requester that is not master', { ...header, masterBrokerId: 2 }, [1], 2, ResponseCode.CONTROLLER_INVALID_MASTER],
    ['a stale master epoch', { ...header, masterEpoch: 0 }, [1], 2, ResponseCode.CONTROLLER_FENCED_MASTER_EPOCH],
    ['a stale set epoch', header, [1], 1, ResponseCode.CONTROLLER_FENCED_SYNC_STATE_SET_EPOCH],
    ['an unregistered member', header, [1, 2, 7], 2, ResponseCode.CONTROLLER_INVALID_REPLICAS],
    ['a set without the master', header, [2], 2, ResponseCode.CONTROLLER_ALTER_SYNC_STATE_SET_FAILED],
    ['an unknown broker set', { ...header, brokerName: 'nope' }, [1], 2, ResponseCode.CONTROLLER_ALTER_SYNC_STATE_SET_FAILED],
  ])('refuses %s', (_name, requestHeader, ids, epoch, code) => {
    const { manager } = setup(2, { elect: true });
    const decision = manager.alterSyncStateSet(requestHeader, { syncStateSet: ids, syncStateSetEpoch: epoch });
    expect(decision.reply.code).toBe(code);
    expect(decision.reply.extFields).toEqual({ newSyncStateSetEpoch: '0' });
    expect(decision.events).toEqual([]);
  });

  it('refuses a member that is registered but not alive with 2006', () => {
    const { manager, liveness } = setup(3, { elect: true });
    committed(manager, manager.alterSyncStateSet(header, { syncStateSet: [1], syncStateSetEpoch: 2 }));
    liveness.kill(B, 3);
    expect(manager.alterSyncStateSet(header, { syncStateSet: [1, 3], syncStateSetEpoch: 3 }).reply.code).toBe(
      ResponseCode.CONTROLLER_BROKER_NOT_ALIVE,
    );
  });
});

describe('Controller > ReplicasInfoManager > clean and sync state data', () => {
  it('refuses with 2009 to clean a live broker, or a whole set with live members, unless told to clean living brokers', () => {
    const { manager, liveness } = setup(2, { elect: true });
    const clean = { brokerName: B, isCleanLivingBroker: false, invokeTime: 0 };
    const refused = manager.cleanBrokerData({ ...clean, brokerControllerIdsToClean: '2' });
    expect(refused.reply).toMatchObject({
      code: ResponseCode.CONTROLLER_INVALID_CLEAN_BROKER_METADATA,
      remark: `Broker [${B},  2] is still alive, clean up failure`,
    });
    expect(manager.cleanBrokerData(clean).reply.code).toBe(ResponseCode.CONTROLLER_INVALID_CLEAN_BROKER_METADATA);
    expect(manager.cleanBrokerData({ ...clean, brokerControllerIdsToClean: '1;x' }).reply.code).toBe(
      ResponseCode.CONTROLLER_INVALID_CLEAN_BROKER_METADATA,
    );
    liveness.kill(B, 2);
    committed(manager, manager.cleanBrokerData({ ...clean, brokerControllerIdsToClean: '2' }));
    expect(manager.syncState(B)?.syncStateSet).toEqual(new Set([1]));
    committed(manager, manager.cleanBrokerData({ ...clean, isCleanLivingBroker: true }));
    expect(manager.brokerNames()).toEqual([]);
  });

  it('splits replicas into in-sync and not-in-sync with liveness, and leaves unknown names out', () => {
    const { manager, liveness } = setup(3, { elect: true });
    committed(
      manager,
      manager.alterSyncStateSet(
        { brokerName: B, masterBrokerId: 1, masterEpoch: 1, invokeTime: 0 },
        { syncStateSet: [1, 2], syncStateSetEpoch: 2 },
      ),
    );
    liveness.kill(B, 3);
    const body = manager.getSyncStateData([B, 'unknown']).reply.body?.toString() ?? '';
    expect(JSON.parse(body)).toEqual({
      replicasInfoTable: {
        [B]: {
          inSyncReplicas: [
            { alive: true, brokerAddress: '127.0.0.1:30001', brokerId: 1, brokerName: B },
            { alive: true, brokerAddress: '127.0.0.1:30002', brokerId: 2, brokerName: B },
          ],
          masterAddress: '127.0.0.1:30001',
          masterBrokerId: 1,
          masterEpoch: 1,
          notInSyncReplicas: [{ alive: false, brokerAddress: '127.0.0.1:30003', brokerId: 3, brokerName: B }],
          syncStateSetEpoch: 3,
        },
      },
    });
  });
});

describe('Controller > ReplicasInfoManager > snapshots', () => {
  it('restores an equal state from its snapshot, replacing whatever was there', () => {
    const { manager } = setup(3, { elect: true });
    committed(
      manager,
      manager.alterSyncStateSet(
        { brokerName: B, masterBrokerId: 1, masterEpoch: 1, invokeTime: 0 },
        { syncStateSet: [1, 3], syncStateSetEpoch: 2 },
      ),
    );
    const other = setup(1).manager;
    other.restore(manager.snapshot());
    expect(other.syncState(B)).toEqual(manager.syncState(B));
    expect(other.replicaInfo(B)).toEqual(manager.replicaInfo(B));
    expect(Buffer.from(other.snapshot()).equals(Buffer.from(manager.snapshot()))).toBe(true);
  });
});
