import { startLocalNamesrv, uniqueName, useProcessHygiene, processes, waitFor } from '@rocketmq-ts/testing';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';

import { apacheAdmin, ourAdmin, reportLines } from './support/admin-tools';
import { startControllerModeBroker } from './support/controller-mode-broker';
import { replicas, startController } from './support/controllers';

useProcessHygiene({ beforeEach, afterAll });
afterEach(() => processes.stopAll({ graceMs: 10_000 }));

/**
 * Apache's mqadmin controller commands against our controller, with real controller-mode Apache
 * brokers registered, and our mqadmin printing the same lines (docs/controller.md#mqadmin).
 */
describe('Controller mode > mqadmin against our controller', () => {
  it("getControllerMetaData, getSyncStateSet, electMaster and getBrokerEpoch work from Apache's tool, and ours prints the same", async () => {
    const namesrv = await startLocalNamesrv({ logFile: true });
    const controller = await startController('ours');
    const brokerName = uniqueName('cm_admin');
    await startControllerModeBroker(namesrv.addr, controller.addr, brokerName, 'admin-a');
    await waitFor(async () => (await replicas(controller.port, brokerName))?.masterBrokerId !== undefined, {
      timeoutMs: 60_000,
      intervalMs: 500,
      reason: 'first broker elected',
    });
    await startControllerModeBroker(namesrv.addr, controller.addr, brokerName, 'admin-b');
    await waitFor(async () => (await replicas(controller.port, brokerName))?.inSyncReplicas.length === 2, {
      timeoutMs: 90_000,
      intervalMs: 500,
      reason: 'both brokers in sync',
    });

    const meta = ['getControllerMetaData', '-a', controller.addr];
    const apacheMeta = await apacheAdmin(meta);
    expect(apacheMeta.exitCode).toBe(0);
    expect(reportLines(apacheMeta.output)).toEqual([
      '#ControllerGroup\tgroup1',
      '#ControllerLeaderId\tn0',
      `#ControllerLeaderAddress\t${controller.addr}`,
      `#Peer:\tn0:${controller.addr}`,
    ]);
    expect(reportLines((await ourAdmin(meta)).output)).toEqual(reportLines(apacheMeta.output));

    const syncState = ['getSyncStateSet', '-a', controller.addr, '-b', brokerName];
    const apacheSync = await apacheAdmin(syncState);
    expect(reportLines(apacheSync.output)).toContain('#SyncStateSetNums\t2');
    expect(reportLines((await ourAdmin(syncState)).output)).toEqual(reportLines(apacheSync.output));

    const before = await replicas(controller.port, brokerName);
    const slaveId = before?.inSyncReplicas.find((replica) => replica.brokerId !== before.masterBrokerId)?.brokerId;
    const apacheElect = await apacheAdmin([
      'electMaster',
      '-a',
      controller.addr,
      '-c',
      'DefaultCluster',
      '-bn',
      brokerName,
      '-b',
      String(slaveId),
    ]);
    expect(apacheElect.exitCode).toBe(0);
    const slaveAddr = before?.inSyncReplicas.find((replica) => replica.brokerId === slaveId)?.brokerAddress;
    expect(reportLines(apacheElect.output)).toEqual([
      '#ClusterName\tDefaultCluster',
      `#BrokerName\t${brokerName}`,
      `#BrokerMasterAddr\t${slaveAddr}`,
      `#MasterEpoch\t${(before?.masterEpoch ?? 0) + 1}`,
      `#SyncStateSetEpoch\t${(before?.syncStateSetEpoch ?? 0) + 1}`,
    ]);
    expect((await replicas(controller.port, brokerName))?.masterBrokerId).toBe(slaveId);

    // Ours elects the first master back; same five lines, plus the member list Java's tool cannot decode.
    const oldMaster = before?.masterBrokerId;
    await waitFor(async () => (await replicas(controller.port, brokerName))?.inSyncReplicas.length === 2, {
      timeoutMs: 60_000,
      intervalMs: 500,
      reason: 'old master back in sync',
    });
    const ourElect = await ourAdmin([
      'electMaster',
      '-a',
      controller.addr,
      '-c',
      'DefaultCluster',
      '-bn',
      brokerName,
      '-b',
      String(oldMaster),
    ]);
    expect(ourElect.exitCode).toBe(0);
    const ourLines = reportLines(ourElect.output);
    expect(ourLines.slice(0, 5).map((line) => line.split('\t')[0])).toEqual([
      '#ClusterName',
      '#BrokerName',
      '#BrokerMasterAddr',
      '#MasterEpoch',
      '#SyncStateSetEpoch',
    ]);
    expect(ourLines[2]).toBe(`#BrokerMasterAddr\t${before?.masterAddress}`);
    expect(ourLines.filter((line) => line.startsWith('#Broker\t'))).toHaveLength(2);

    // After an election the other replica leaves the set and rejoins once it follows the new master:
    // compare the two tools' views of the settled set, not of a set changing between two calls.
    await waitFor(async () => (await replicas(controller.port, brokerName))?.inSyncReplicas.length === 2, {
      timeoutMs: 60_000,
      intervalMs: 500,
      reason: 'both replicas in sync after electing the old master back',
    });
    const after = ['getSyncStateSet', '-a', controller.addr, '-b', brokerName];
    expect(reportLines((await ourAdmin(after)).output)).toEqual(reportLines((await apacheAdmin(after)).output));

    // getBrokerEpoch asks the brokers themselves (1007); both tools must show the same epochs.
    const epochArgs = ['getBrokerEpoch', '-n', namesrv.addr, '-b', brokerName];
    const epochsOf = (output: string) =>
      [...output.matchAll(/epoch=(\d+), startOffset=(\d+)/g)].map((match) => `${match[1]}@${match[2]}`).sort();
    const apacheEpochs = epochsOf((await apacheAdmin(epochArgs)).output);
    const ourEpochRun = await ourAdmin(epochArgs);
    expect(ourEpochRun.exitCode).toBe(0);
    expect(apacheEpochs.length).toBeGreaterThan(0);
    expect(epochsOf(ourEpochRun.output)).toEqual(apacheEpochs);
  });
});
