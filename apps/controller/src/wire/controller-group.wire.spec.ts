import {
  ApplyBrokerIdRequestHeader,
  createRequest,
  ElectMasterRequestHeader,
  GetMetaDataResponseHeader,
  GetReplicaInfoRequestHeader,
  GetReplicaInfoResponseHeader,
  RequestCode,
  ResponseCode,
} from '@rocketmq-ts/protocol';
import { remotingRequest, useProcessHygiene, waitFor } from '@rocketmq-ts/testing';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type InProcessController, startControllerGroup } from '../testing/in-process-controller';

useProcessHygiene({ beforeEach, afterAll });

let group: InProcessController[] = [];
afterEach(async () => {
  for (const controller of group) await controller.app.close().catch(() => undefined);
  group = [];
});

async function metadataOf(controller: InProcessController): Promise<GetMetaDataResponseHeader | undefined> {
  const reply = await remotingRequest(controller.port, createRequest(RequestCode.CONTROLLER_GET_METADATA_INFO), { timeoutMs: 1000 }).catch(
    () => undefined,
  );
  return reply && GetMetaDataResponseHeader.decode(reply.extFields);
}

async function servingLeader(members: readonly InProcessController[]): Promise<InProcessController> {
  let leader: InProcessController | undefined;
  await waitFor(
    async () => {
      for (const member of members) if ((await metadataOf(member))?.isLeader) leader = member;
      return leader !== undefined;
    },
    { timeoutMs: 10_000, intervalMs: 50, reason: 'a serving Raft leader among the controllers' },
  );
  return leader as InProcessController;
}

function request(controller: InProcessController, code: number, extFields: Record<string, string>) {
  return remotingRequest(controller.port, createRequest(code, { extFields }), { timeoutMs: 3000 });
}

describe('Controller > wire > three controllers (Raft)', () => {
  it('serves writes on the leader only, replicates them, and a new leader keeps them after the old one stops', async () => {
    group = await startControllerGroup(3);
    const leader = await servingLeader(group);
    for (const member of group) expect((await metadataOf(member))?.controllerLeaderAddress).toBe(`127.0.0.1:${leader.port}`);
    const follower = group.find((member) => member !== leader) as InProcessController;
    const refused = await request(
      follower,
      RequestCode.CONTROLLER_APPLY_BROKER_ID,
      ApplyBrokerIdRequestHeader.encode({ brokerName: 'b', appliedBrokerId: 1, registerCheckCode: 'a:1;1' }),
    );
    expect(refused.code).toBe(ResponseCode.CONTROLLER_NOT_LEADER);

    expect(
      (
        await request(
          leader,
          RequestCode.CONTROLLER_APPLY_BROKER_ID,
          ApplyBrokerIdRequestHeader.encode({ brokerName: 'b', appliedBrokerId: 1, registerCheckCode: 'a:1;1' }),
        )
      ).code,
    ).toBe(0);
    expect(
      (
        await request(
          leader,
          RequestCode.CONTROLLER_ELECT_MASTER,
          ElectMasterRequestHeader.encode({ clusterName: 'c', brokerName: 'b', brokerId: 1, designateElect: false }),
        )
      ).code,
    ).toBe(0);

    const stoppedAt = Date.now();
    await leader.app.close();
    const rest = group.filter((member) => member !== leader);
    const next = await servingLeader(rest);
    const electedInMs = Date.now() - stoppedAt;
    const info = await request(next, RequestCode.CONTROLLER_GET_REPLICA_INFO, GetReplicaInfoRequestHeader.encode({ brokerName: 'b' }));
    expect(GetReplicaInfoResponseHeader.decode(info.extFields)).toEqual({ masterBrokerId: 1, masterAddress: 'a:1', masterEpoch: 1 });
    process.stdout.write(
      `[controller wire] new serving leader ${electedInMs} ms after the old one stopped (election timeout 300-600 ms)\n`,
    );
  });
});
