import { createServer, type Server } from 'node:net';

import {
  ApplyBrokerIdRequestHeader,
  BrokerHeartbeatRequestHeader,
  createRequest,
  decodeFrame,
  ElectMasterRequestHeader,
  FrameSplitter,
  GetMetaDataResponseHeader,
  GetNextBrokerIdRequestHeader,
  GetReplicaInfoRequestHeader,
  GetReplicaInfoResponseHeader,
  NotifyBrokerRoleChangedRequestHeader,
  RegisterBrokerToControllerRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SyncStateSet,
  AlterSyncStateSetRequestHeader,
} from '@rocketmq-ts/protocol';
import { TestRemotingConnection, useProcessHygiene, waitFor } from '@rocketmq-ts/testing';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type InProcessController, startInProcessController } from '../testing/in-process-controller';

useProcessHygiene({ beforeEach, afterAll });

const running: InProcessController[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const controller of running.splice(0)) await controller.app.close();
  for (const server of servers.splice(0)) server.close();
});

async function start(...args: Parameters<typeof startInProcessController>): Promise<InProcessController> {
  const controller = await startInProcessController(...args);
  running.push(controller);
  return controller;
}

/** A stand-in for a broker's listening port that records what the controller sends it (1008). */
async function recordingBroker(): Promise<{ addr: string; frames: RemotingCommand[] }> {
  const frames: RemotingCommand[] = [];
  const server = createServer((socket) => {
    const splitter = new FrameSplitter();
    socket.on('data', (chunk) => {
      for (const frame of splitter.push(chunk)) frames.push(decodeFrame(Buffer.from(frame)));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return { addr: `127.0.0.1:${address.port}`, frames };
}

/** One broker's registration as an Apache broker makes it: 1012, 1013, 1003, then heartbeats. */
async function register(connection: TestRemotingConnection, brokerName: string, addr: string): Promise<number> {
  const next = await connection.request(
    createRequest(RequestCode.CONTROLLER_GET_NEXT_BROKER_ID, {
      extFields: GetNextBrokerIdRequestHeader.encode({ clusterName: 'c', brokerName }),
    }),
  );
  const brokerId = Number(next.extFields?.['nextBrokerId']);
  const apply = await connection.request(
    createRequest(RequestCode.CONTROLLER_APPLY_BROKER_ID, {
      extFields: ApplyBrokerIdRequestHeader.encode({
        clusterName: 'c',
        brokerName,
        appliedBrokerId: brokerId,
        registerCheckCode: `${addr};${Date.now()}`,
      }),
    }),
  );
  expect(apply.code).toBe(ResponseCode.SUCCESS);
  const registered = await connection.request(
    createRequest(RequestCode.CONTROLLER_REGISTER_BROKER, {
      extFields: RegisterBrokerToControllerRequestHeader.encode({
        clusterName: 'c',
        brokerName,
        brokerId,
        brokerAddress: addr,
        invokeTime: Date.now(),
      }),
    }),
  );
  expect(registered.code).toBe(ResponseCode.SUCCESS);
  return brokerId;
}

function heartbeat(
  connection: TestRemotingConnection,
  brokerName: string,
  brokerId: number,
  addr: string,
  timeoutMs = 10_000,
): Promise<RemotingCommand> {
  return connection.request(
    createRequest(RequestCode.BROKER_HEARTBEAT, {
      extFields: BrokerHeartbeatRequestHeader.encode({
        clusterName: 'c',
        brokerName,
        brokerAddr: addr,
        brokerId,
        epoch: 0,
        maxOffset: 0,
        confirmOffset: 0,
        heartbeatTimeoutMills: timeoutMs,
      }),
    }),
  );
}

function isSecondElection(frame: RemotingCommand): boolean {
  return frame.code === RequestCode.NOTIFY_BROKER_ROLE_CHANGED && frame.extFields?.['masterEpoch'] === '2';
}

describe('Controller > wire', () => {
  it("answers 1005 with the group, itself as leader and the peers in Apache's form", async () => {
    const controller = await start();
    const connection = await TestRemotingConnection.open(controller.port);
    const reply = await connection.request(createRequest(RequestCode.CONTROLLER_GET_METADATA_INFO));
    expect(GetMetaDataResponseHeader.decode(reply.extFields)).toEqual({
      group: 'group1',
      controllerLeaderId: 'n0',
      controllerLeaderAddress: `127.0.0.1:${controller.port}`,
      isLeader: true,
      peers: `n0:127.0.0.1:${controller.port};`,
    });
    await connection.close();
  });

  it("registers two brokers, elects the first, accepts the master's expansion, and keeps it all across a restart", async () => {
    const first = await start();
    const connection = await TestRemotingConnection.open(first.port);
    const a = await register(connection, 'b', '127.0.0.1:30911');
    const b = await register(connection, 'b', '127.0.0.1:30921');
    expect([a, b]).toEqual([1, 2]);
    await heartbeat(connection, 'b', a, '127.0.0.1:30911');
    await heartbeat(connection, 'b', b, '127.0.0.1:30921');
    const elected = await connection.request(
      createRequest(RequestCode.CONTROLLER_ELECT_MASTER, {
        extFields: ElectMasterRequestHeader.encode({ clusterName: 'c', brokerName: 'b', brokerId: a, designateElect: false }),
      }),
    );
    expect(elected.code).toBe(ResponseCode.SUCCESS);
    const expanded = await connection.request(
      createRequest(RequestCode.CONTROLLER_ALTER_SYNC_STATE_SET, {
        extFields: AlterSyncStateSetRequestHeader.encode({ brokerName: 'b', masterBrokerId: a, masterEpoch: 1, invokeTime: Date.now() }),
        body: SyncStateSet.encode({ syncStateSet: [a, b], syncStateSetEpoch: 1 }),
      }),
    );
    expect(expanded.extFields).toEqual({ newSyncStateSetEpoch: '2' });
    // A controller shutting down closes the brokers' connections itself: that must not read as dead brokers.
    await first.app.close();
    running.splice(running.indexOf(first), 1);
    await connection.close();

    const again = await start(
      { controllerStorePath: first.config.controllerStorePath, configStorePath: first.config.configStorePath },
      first.port,
    );
    const reconnected = await TestRemotingConnection.open(again.port);
    const info = await reconnected.request(
      createRequest(RequestCode.CONTROLLER_GET_REPLICA_INFO, { extFields: GetReplicaInfoRequestHeader.encode({ brokerName: 'b' }) }),
    );
    expect(GetReplicaInfoResponseHeader.decode(info.extFields)).toEqual({
      masterBrokerId: 1,
      masterAddress: '127.0.0.1:30911',
      masterEpoch: 1,
    });
    expect(SyncStateSet.decode(info.body ?? '')).toEqual({ syncStateSet: [1, 2], syncStateSetEpoch: 2 });
    await reconnected.close();
  });

  it('elects the live in-sync slave when the master stops heartbeating, and tells the live members with a one-way 1008', async () => {
    const controller = await start({ scanNotActiveBrokerInterval: 100, scanInactiveMasterInterval: 200 });
    const slaveBroker = await recordingBroker();
    const masterConnection = await TestRemotingConnection.open(controller.port);
    const slaveConnection = await TestRemotingConnection.open(controller.port);
    const master = await register(masterConnection, 'b', '127.0.0.1:30911');
    const slave = await register(slaveConnection, 'b', slaveBroker.addr);
    await heartbeat(masterConnection, 'b', master, '127.0.0.1:30911', 400);
    await heartbeat(slaveConnection, 'b', slave, slaveBroker.addr);
    await masterConnection.request(
      createRequest(RequestCode.CONTROLLER_ELECT_MASTER, {
        extFields: ElectMasterRequestHeader.encode({ clusterName: 'c', brokerName: 'b', brokerId: master, designateElect: false }),
      }),
    );
    await masterConnection.request(
      createRequest(RequestCode.CONTROLLER_ALTER_SYNC_STATE_SET, {
        extFields: AlterSyncStateSetRequestHeader.encode({ brokerName: 'b', masterBrokerId: master, masterEpoch: 1, invokeTime: 0 }),
        body: SyncStateSet.encode({ syncStateSet: [master, slave], syncStateSetEpoch: 1 }),
      }),
    );
    // The master goes silent (no more heartbeats); the slave keeps beating.
    const beating = setInterval(() => void heartbeat(slaveConnection, 'b', slave, slaveBroker.addr).catch(() => undefined), 100);
    try {
      await waitFor(() => slaveBroker.frames.some(isSecondElection), {
        timeoutMs: 5000,
        intervalMs: 50,
        reason: '1008 for masterEpoch 2 to the slave',
      });
    } finally {
      clearInterval(beating);
    }
    // The first election was announced too (masterEpoch 1); the one that matters is the second.
    expect(
      slaveBroker.frames
        .filter((frame) => frame.code === RequestCode.NOTIFY_BROKER_ROLE_CHANGED)
        .map((frame) => frame.extFields?.['masterEpoch']),
    ).toEqual(['1', '2']);
    const notice = slaveBroker.frames.find(isSecondElection) as RemotingCommand;
    expect(notice.flag & 0x2).toBe(0x2);
    expect(NotifyBrokerRoleChangedRequestHeader.decode(notice.extFields)).toEqual({
      masterAddress: slaveBroker.addr,
      masterEpoch: 2,
      syncStateSetEpoch: 3,
      masterBrokerId: slave,
    });
    expect(SyncStateSet.decode(notice.body ?? '')).toEqual({ syncStateSet: [slave], syncStateSetEpoch: 3 });
    await masterConnection.close();
    await slaveConnection.close();
  });

  it('answers a malformed header with SYSTEM_ERROR naming the field and keeps the connection; a heartbeat without an id gets 2005', async () => {
    const controller = await start();
    const connection = await TestRemotingConnection.open(controller.port);
    const bad = await connection.request(
      createRequest(RequestCode.CONTROLLER_APPLY_BROKER_ID, {
        extFields: { brokerName: 'b', appliedBrokerId: 'one', registerCheckCode: 'x;1' },
      }),
    );
    expect(bad.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(bad.remark).toContain('appliedBrokerId');
    const noId = await connection.request(
      createRequest(RequestCode.BROKER_HEARTBEAT, { extFields: { clusterName: 'c', brokerName: 'b', brokerAddr: 'a:1' } }),
    );
    expect(noId.code).toBe(ResponseCode.CONTROLLER_INVALID_REQUEST);
    const fine = await connection.request(createRequest(RequestCode.CONTROLLER_GET_METADATA_INFO));
    expect(fine.code).toBe(ResponseCode.SUCCESS);
    await connection.close();
  });

  it('serves 1010 and refuses a blacklisted key in 1009 with NO_PERMISSION; an accepted change shows in 1010', async () => {
    const controller = await start();
    const connection = await TestRemotingConnection.open(controller.port);
    const refused = await connection.request(
      createRequest(RequestCode.UPDATE_CONTROLLER_CONFIG, { body: Buffer.from('configStorePath=/tmp/x\n') }),
    );
    expect(refused.code).toBe(ResponseCode.NO_PERMISSION);
    const invalid = await connection.request(
      createRequest(RequestCode.UPDATE_CONTROLLER_CONFIG, { body: Buffer.from('electMasterMaxRetryCount=many\n') }),
    );
    expect(invalid.code).toBe(ResponseCode.INVALID_PARAMETER);
    const accepted = await connection.request(
      createRequest(RequestCode.UPDATE_CONTROLLER_CONFIG, { body: Buffer.from('enableElectUncleanMaster=true\n') }),
    );
    expect(accepted.code).toBe(ResponseCode.SUCCESS);
    const config = await connection.request(createRequest(RequestCode.GET_CONTROLLER_CONFIG));
    expect(config.body?.toString()).toContain('enableElectUncleanMaster=true\n');
    await connection.close();
  });
});
