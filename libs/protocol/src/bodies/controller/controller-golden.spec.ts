import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { decodeFrame } from '../../command/frame-codec';
import type { ExtFields, RemotingCommand } from '../../command/remoting-command';
import { BrokerHeartbeatRequestHeader } from '../../headers/broker-heartbeat-request-header';
import {
  AlterSyncStateSetRequestHeader,
  AlterSyncStateSetResponseHeader,
  ApplyBrokerIdRequestHeader,
  ApplyBrokerIdResponseHeader,
  CleanControllerBrokerDataRequestHeader,
  ElectMasterRequestHeader,
  ElectMasterResponseHeader,
  GetMetaDataResponseHeader,
  GetNextBrokerIdRequestHeader,
  GetNextBrokerIdResponseHeader,
  GetReplicaInfoRequestHeader,
  GetReplicaInfoResponseHeader,
  RegisterBrokerToControllerRequestHeader,
  RegisterBrokerToControllerResponseHeader,
} from '../../headers/controller';
import { BrokerNameList, BrokerReplicasInfo } from './broker-replicas-info';
import { ElectMasterResponseBody } from './elect-master-response-body';
import { SyncStateSet } from './sync-state-set';

/**
 * Frames a real Apache RocketMQ 5.3.3 controller and controller-mode broker exchanged
 * (tools/fixtures, `capture.mjs --controller`): every header decodes and re-encodes to the same
 * extFields, every body decodes and re-encodes to the same bytes.
 */
const DIR = join(__dirname, '..', '..', '__fixtures__', 'captured', 'controller');

function frame(name: string): RemotingCommand {
  const hex = readFileSync(join(DIR, `${name}.hex`), 'utf8').replace(/\s+/g, '');
  return decodeFrame(Buffer.from(hex, 'hex').subarray(4));
}

interface HeaderCodec<T> {
  encode(header: T): ExtFields;
  decode(ext: ExtFields | undefined): T;
}

function roundTripsHeader<T>(codec: HeaderCodec<T>, command: RemotingCommand): T {
  const header = codec.decode(command.extFields);
  expect(codec.encode(header)).toEqual(command.extFields ?? {});
  return header;
}

function body(command: RemotingCommand): Buffer {
  if (command.body === undefined) throw new Error(`frame code ${command.code} has no body`);
  return command.body;
}

describe('Protocol > controller > golden frames from Apache RocketMQ 5.3.3', () => {
  it('904 heartbeat from a controller-mode broker', () => {
    const header = roundTripsHeader(BrokerHeartbeatRequestHeader, frame('904-request-1'));
    expect(header).toMatchObject({ brokerId: 1, epoch: -1, heartbeatTimeoutMills: 10000, electionPriority: 2147483647 });
  });

  it('1012 / 1013 registration: next id 1 for an unknown set, then apply with a check code', () => {
    roundTripsHeader(GetNextBrokerIdRequestHeader, frame('1012-request-1'));
    expect(roundTripsHeader(GetNextBrokerIdResponseHeader, frame('1012-response-1')).nextBrokerId).toBe(1);
    const apply = roundTripsHeader(ApplyBrokerIdRequestHeader, frame('1013-request-1'));
    expect(apply.registerCheckCode).toMatch(/^127\.0\.0\.1:\d+;\d+$/);
    roundTripsHeader(ApplyBrokerIdResponseHeader, frame('1013-response-1'));
  });

  it('1003 register: no master yet, an empty set at epoch 0', () => {
    roundTripsHeader(RegisterBrokerToControllerRequestHeader, frame('1003-request-1'));
    const response = frame('1003-response-1');
    expect(roundTripsHeader(RegisterBrokerToControllerResponseHeader, response).masterBrokerId).toBeUndefined();
    expect(SyncStateSet.encode(SyncStateSet.decode(body(response)))).toEqual(body(response));
  });

  it('1002 elect: a broker nominating itself, and the member group in the reply', () => {
    expect(roundTripsHeader(ElectMasterRequestHeader, frame('1002-request-1'))).toMatchObject({ brokerId: 1, designateElect: false });
    const response = frame('1002-response-1');
    expect(roundTripsHeader(ElectMasterResponseHeader, response)).toEqual({
      masterBrokerId: 1,
      masterAddress: expect.any(String),
      masterEpoch: 1,
      syncStateSetEpoch: 1,
    });
    const decoded = ElectMasterResponseBody.decode(body(response));
    expect(decoded.brokerMemberGroup?.brokerAddrs.get(1)).toBeDefined();
    expect(ElectMasterResponseBody.encode(decoded)).toEqual(body(response));
  });

  it('1002 elect by mqadmin: MASTER_STILL_EXIST carries the header and only the set', () => {
    expect(roundTripsHeader(ElectMasterRequestHeader, frame('1002-request-2'))).toMatchObject({ brokerId: 2, designateElect: true });
    const response = frame('1002-response-2');
    expect(response.code).toBe(2011);
    roundTripsHeader(ElectMasterResponseHeader, response);
    expect(ElectMasterResponseBody.decode(body(response))).toEqual({ brokerMemberGroup: undefined, syncStateSet: [2] });
    expect(ElectMasterResponseBody.encode(ElectMasterResponseBody.decode(body(response)))).toEqual(body(response));
  });

  it('1004 poll: master fields and the set', () => {
    roundTripsHeader(GetReplicaInfoRequestHeader, frame('1004-request-1'));
    const response = frame('1004-response-1');
    expect(roundTripsHeader(GetReplicaInfoResponseHeader, response)).toMatchObject({ masterBrokerId: 1, masterEpoch: 1 });
    expect(SyncStateSet.encode(SyncStateSet.decode(body(response)))).toEqual(body(response));
  });

  it('1001 alter: expansion accepted with the new epoch; a stale master refused with 2002 and newSyncStateSetEpoch 0', () => {
    const request = frame('1001-request-1');
    roundTripsHeader(AlterSyncStateSetRequestHeader, request);
    expect(SyncStateSet.decode(body(request))).toEqual({ syncStateSet: [1, 2], syncStateSetEpoch: 1 });
    expect(SyncStateSet.encode(SyncStateSet.decode(body(request)))).toEqual(body(request));
    expect(roundTripsHeader(AlterSyncStateSetResponseHeader, frame('1001-response-1'))).toEqual({ newSyncStateSetEpoch: 2 });
    const refused = frame('1001-response-2');
    expect(refused.code).toBe(2002);
    expect(roundTripsHeader(AlterSyncStateSetResponseHeader, refused)).toEqual({ newSyncStateSetEpoch: 0 });
  });

  it('1005 metadata: peers with ":" separators and a trailing ";"', () => {
    const header = roundTripsHeader(GetMetaDataResponseHeader, frame('1005-response-1'));
    expect(header).toMatchObject({ group: 'group1', controllerLeaderId: 'n0', isLeader: true });
    expect(header.peers).toMatch(/^n0:127\.0\.0\.1:\d+;$/);
  });

  it('1006 sync state data: a bare array of names in, BrokerReplicasInfo out, byte for byte', () => {
    expect(BrokerNameList.decode(body(frame('1006-request-1')))).toEqual(['broker-a']);
    const response = frame('1006-response-1');
    const decoded = BrokerReplicasInfo.decode(body(response));
    expect(decoded.replicasInfoTable.get('broker-a')?.inSyncReplicas).toHaveLength(2);
    expect(BrokerReplicasInfo.encode(decoded)).toEqual(body(response));
  });

  it('1011 clean: refused with 2009 for a live broker', () => {
    expect(roundTripsHeader(CleanControllerBrokerDataRequestHeader, frame('1011-request-1'))).toMatchObject({
      brokerControllerIdsToClean: '2',
      isCleanLivingBroker: false,
    });
    expect(frame('1011-response-1').code).toBe(2009);
  });
});
