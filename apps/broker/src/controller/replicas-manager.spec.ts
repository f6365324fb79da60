/**
 * ReplicasManager against a scripted controller on a real socket: id assignment with the identity
 * files (a refused id is given up and applied for again; a restart reuses brokerIdentity), self-
 * nomination when no master exists, and the epoch rules for polls and 1008 notifications. The wire
 * against Apache's own controller is covered by e2e/controller-broker-e2e.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { silentLogger } from '@rocketmq-ts/base';
import { createResponse, type ExtFields, type RemotingCommand, RequestCode } from '@rocketmq-ts/protocol';
import { HandlerTable, RemotingClient, RemotingServer } from '@rocketmq-ts/remoting';
import { waitFor } from '@rocketmq-ts/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { encodeSyncStateSet, type SyncStateSetBody } from './controller-requests';

const { CONTROLLER_APPLY_BROKER_ID, CONTROLLER_GET_NEXT_BROKER_ID } = RequestCode;
import { type ReplicaRole, type ReplicaRoleTarget, ReplicasManager } from './replicas-manager';

/** What the scripted controller knows and answers. */
class ScriptedController {
  readonly calls: number[] = [];
  nextBrokerId = 1;
  refuseApplies = 0;
  masterEpoch = 0;
  master: { id: number; address: string } | undefined;
  pollOverride: ExtFields | undefined;
  server: RemotingServer | undefined;
  address = '';

  async start(): Promise<void> {
    const table = new HandlerTable([{ name: 'default', maxInFlight: 100 }]);
    const codes = [
      RequestCode.CONTROLLER_GET_METADATA_INFO,
      CONTROLLER_GET_NEXT_BROKER_ID,
      CONTROLLER_APPLY_BROKER_ID,
      RequestCode.CONTROLLER_REGISTER_BROKER,
      RequestCode.CONTROLLER_ELECT_MASTER,
      RequestCode.CONTROLLER_GET_REPLICA_INFO,
      RequestCode.BROKER_HEARTBEAT,
    ];
    for (const code of codes) table.register(code, { handle: (_context, request) => this.handle(request) }, 'default');
    this.server = new RemotingServer({ handlerTable: table, logger: silentLogger });
    const port = await this.server.listen({ host: '127.0.0.1', port: 0 });
    this.address = `127.0.0.1:${port}`;
  }

  private masterFields(): ExtFields {
    return this.master === undefined
      ? { masterEpoch: String(this.masterEpoch) }
      : {
          masterBrokerId: String(this.master.id),
          masterAddress: this.master.address,
          masterEpoch: String(this.masterEpoch),
          syncStateSetEpoch: '1',
        };
  }

  private handle(request: RemotingCommand): RemotingCommand | undefined {
    this.calls.push(request.code);
    const ext = request.extFields ?? {};
    switch (request.code) {
      case RequestCode.CONTROLLER_GET_METADATA_INFO:
        return createResponse(request, 0, { extFields: { controllerLeaderAddress: this.address, isLeader: 'true' } });
      case CONTROLLER_GET_NEXT_BROKER_ID:
        return createResponse(request, 0, { extFields: { clusterName: 'C', brokerName: 'b', nextBrokerId: String(this.nextBrokerId) } });
      case CONTROLLER_APPLY_BROKER_ID:
        if (this.refuseApplies > 0) {
          this.refuseApplies--;
          this.nextBrokerId++;
          return createResponse(request, 2014, { remark: 'id taken' });
        }
        return createResponse(request, 0);
      case RequestCode.CONTROLLER_REGISTER_BROKER:
        return createResponse(request, 0, {
          extFields: this.masterFields(),
          body: encodeSyncStateSet({ syncStateSet: [1], syncStateSetEpoch: 1 }),
        });
      case RequestCode.CONTROLLER_ELECT_MASTER:
        this.masterEpoch++;
        this.master = { id: Number(ext['brokerId']), address: '127.0.0.1:30911' };
        return createResponse(request, 0, { extFields: this.masterFields() });
      case RequestCode.CONTROLLER_GET_REPLICA_INFO:
        return createResponse(request, 0, { extFields: this.pollOverride ?? this.masterFields() });
      default:
        return undefined;
    }
  }
}

class RecordingTarget implements ReplicaRoleTarget {
  readonly events: string[] = [];
  async becomeMaster(masterEpoch: number, set: SyncStateSetBody | undefined): Promise<void> {
    this.events.push(`master@${masterEpoch} set=${JSON.stringify(set?.syncStateSet)}`);
  }
  async becomeSlave(masterEpoch: number, masterBrokerId: number, masterAddress: string): Promise<void> {
    this.events.push(`slave@${masterEpoch} of ${masterBrokerId} ${masterAddress}`);
  }
  adoptSyncStateSet(set: SyncStateSetBody): void {
    this.events.push(`set ${JSON.stringify(set.syncStateSet)}@${set.syncStateSetEpoch}`);
  }
  roleChanged(role: ReplicaRole): void {
    this.events.push(`role ${role}`);
  }
  heartbeatFigures() {
    return { epoch: 0, maxOffset: 0, confirmOffset: 0 };
  }
}

describe('ReplicasManager', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  async function setUp(root = mkdtempSync(join(tmpdir(), 'rocketmq-ts-replicas-'))): Promise<{
    controller: ScriptedController;
    root: string;
    start: () => Promise<{ manager: ReplicasManager; target: RecordingTarget }>;
  }> {
    const controller = new ScriptedController();
    await controller.start();
    cleanups.push(() => controller.server?.close({ drainTimeoutMs: 1_000 }));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const start = async () => {
      const target = new RecordingTarget();
      const client = new RemotingClient({ logger: silentLogger });
      const manager = new ReplicasManager({
        clusterName: 'C',
        brokerName: 'b',
        brokerAddress: '127.0.0.1:30911',
        controllerAddrs: [controller.address],
        storePathRootDir: root,
        client,
        target,
        logger: silentLogger,
        requestTimeoutMs: 2_000,
        heartbeatIntervalMs: 50,
        controllerHeartBeatTimeoutMills: 10_000,
        syncBrokerMetadataPeriodMs: 50,
        syncControllerMetadataPeriodMs: 10_000,
        electionPriority: 1,
        retryIntervalMs: 50,
      });
      cleanups.push(async () => {
        manager.stop();
        await client.close();
      });
      await manager.start();
      return { manager, target };
    };
    return { controller, root, start };
  }

  it('gets an id (giving up a refused one), nominates itself without a master, and a restart reuses brokerIdentity', async () => {
    const { controller, root, start } = await setUp();
    controller.refuseApplies = 1;
    const first = await start();
    await waitFor(() => first.manager.role() === 'MASTER', { timeoutMs: 5_000, reason: 'elected' });
    expect(first.manager.brokerId()).toBe(2);
    expect(readFileSync(join(root, 'brokerIdentity'), 'utf8')).toBe('C#b#2');
    expect(existsSync(join(root, 'brokerIdentity-temp'))).toBe(false);
    expect(first.target.events.slice(0, 2)).toEqual(['master@1 set=[2]', 'role MASTER']);
    await waitFor(() => controller.calls.includes(RequestCode.BROKER_HEARTBEAT), { timeoutMs: 5_000, reason: 'heartbeats flow' });
    first.manager.stop();

    controller.calls.length = 0;
    const second = await start();
    await waitFor(() => second.manager.role() === 'MASTER', { timeoutMs: 5_000, reason: 'registered again' });
    expect(second.manager.brokerId()).toBe(2);
    expect(controller.calls).not.toContain(CONTROLLER_GET_NEXT_BROKER_ID);
    expect(controller.calls).not.toContain(CONTROLLER_APPLY_BROKER_ID);
  });

  it('follows only newer epochs: a stale 1008 is ignored, a newer one demotes, a newer epoch without a master re-nominates', async () => {
    const { controller, start } = await setUp();
    controller.masterEpoch = 3;
    controller.master = { id: 7, address: '127.0.0.1:40911' };
    const { manager, target } = await start();
    await waitFor(() => manager.role() === 'SLAVE', { timeoutMs: 5_000, reason: 'slave of the registered master' });
    expect(target.events[0]).toBe('slave@3 of 7 127.0.0.1:40911');

    manager.onRoleChangedNotification(
      { masterBrokerId: String(manager.brokerId()), masterAddress: '127.0.0.1:30911', masterEpoch: '2' },
      undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(manager.role()).toBe('SLAVE');

    // The controller lost the master (epoch 4, none named): the next poll makes this broker nominate itself.
    controller.masterEpoch = 4;
    controller.master = undefined;
    await waitFor(() => manager.role() === 'MASTER', { timeoutMs: 5_000, reason: 'self-nomination after a masterless epoch' });
    expect(manager.getMasterEpoch()).toBe(5);
    expect(target.events).toContain('master@5 set=[1]');
  });
});
