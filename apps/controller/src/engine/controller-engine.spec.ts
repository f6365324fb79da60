import { ManualClock, RecordingLogger } from '@rocketmq-ts/base';
import { ResponseCode } from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { suiteTempDir, useProcessHygiene } from '@rocketmq-ts/testing';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import { BrokerHeartbeatManager } from '../heartbeat/broker-heartbeat-manager';
import { FileMetadataLog } from '../metadata-log/file-metadata-log';
import { ReplicasInfoManager } from '../replicas/replicas-info-manager';
import { ControllerEngine } from './controller-engine';
import { RoleChangeNotifier } from './role-change-notifier';

useProcessHygiene({ beforeEach, afterAll });

/** An engine on a real file log in a temp dir, with a manual clock for liveness. */
async function engineAt(dir: string, clock: ManualClock) {
  const logger = new RecordingLogger();
  const heartbeats = new BrokerHeartbeatManager({ clock, logger, scanIntervalMs: 1000 });
  const manager = new ReplicasInfoManager(heartbeats, { enableElectUncleanMaster: false });
  const engine = new ControllerEngine({
    log: new FileMetadataLog(dir, { id: 'n0', address: '127.0.0.1:1' }, logger),
    manager,
    heartbeats,
    notifier: new RoleChangeNotifier(new RemotingClient(), logger),
    logger,
    settings: () => ({
      scanInactiveMasterInterval: 60_000,
      electMasterMaxRetryCount: 1,
      electMasterRetryIntervalMillis: 10,
      notifyBrokerRoleChanged: false,
      enableElectUncleanMaster: false,
    }),
    now: () => clock.nowMs(),
  });
  await engine.start();
  return { engine, manager, heartbeats };
}

const beat = (brokerId: number) => ({ clusterName: 'c', brokerName: 'b', brokerAddr: `127.0.0.1:${30000 + brokerId}`, brokerId });

describe('Controller > engine', () => {
  it('after a restart, refuses to replace a master it has not heard from yet, until the liveness grace has passed', async () => {
    const dir = suiteTempDir('engine').join('store');
    const clock = new ManualClock();
    const first = await engineAt(dir, clock);
    for (const id of [1, 2]) {
      first.heartbeats.heartbeat(beat(id), undefined);
      await first.engine.submit(() => first.manager.applyBrokerId({ brokerName: 'b', appliedBrokerId: id, registerCheckCode: `x;${id}` }));
    }
    await first.engine.elect(
      () => first.manager.electMaster({ clusterName: 'c', brokerName: 'b', brokerId: 1, designateElect: false }),
      'b',
    );
    await first.engine.submit(() =>
      first.manager.alterSyncStateSet(
        { brokerName: 'b', masterBrokerId: 1, masterEpoch: 1, invokeTime: 0 },
        { syncStateSet: [1, 2], syncStateSetEpoch: 1 },
      ),
    );
    await first.engine.stop();

    const restarted = await engineAt(dir, clock);
    restarted.heartbeats.heartbeat(beat(2), undefined); // the slave's heartbeat arrives first
    const early = await restarted.engine.elect(
      () => restarted.manager.electMaster({ clusterName: 'c', brokerName: 'b', brokerId: 2, designateElect: false }),
      'b',
    );
    expect(early.code).toBe(ResponseCode.CONTROLLER_ELECT_MASTER_FAILED);
    expect(restarted.manager.syncState('b')?.masterBrokerId).toBe(1);

    clock.advance(10_000);
    restarted.heartbeats.heartbeat(beat(2), undefined);
    const later = await restarted.engine.elect(
      () => restarted.manager.electMaster({ clusterName: 'c', brokerName: 'b', brokerId: 2, designateElect: false }),
      'b',
    );
    expect(later.code).toBe(ResponseCode.SUCCESS);
    expect(restarted.manager.syncState('b')).toMatchObject({ masterBrokerId: 2, masterEpoch: 2 });
    await restarted.engine.stop();
  });
});
