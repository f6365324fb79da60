import { describe, expect, it } from 'vitest';

import { HeaderError } from '../header-error';
import { AlterSyncStateSetRequestHeader, AlterSyncStateSetResponseHeader } from './alter-sync-state-set-headers';
import { ApplyBrokerIdRequestHeader, GetNextBrokerIdResponseHeader } from './broker-id-headers';
import { CleanControllerBrokerDataRequestHeader } from './clean-controller-broker-data-request-header';
import { ElectMasterRequestHeader, ElectMasterResponseHeader } from './elect-master-headers';
import { GetMetaDataResponseHeader } from './get-meta-data-response-header';
import { GetReplicaInfoResponseHeader } from './get-replica-info-headers';
import { NotifyBrokerRoleChangedRequestHeader } from './notify-broker-role-changed-request-header';
import { RegisterBrokerToControllerRequestHeader } from './register-broker-to-controller-headers';

describe('Protocol > headers > controller', () => {
  it('writes every defined field under its Java field name as text and leaves undefined ones out', () => {
    expect(
      AlterSyncStateSetRequestHeader.encode({ brokerName: 'broker-a', masterBrokerId: 1, masterEpoch: 2, invokeTime: 1700000000000 }),
    ).toEqual({
      brokerName: 'broker-a',
      masterBrokerId: '1',
      masterEpoch: '2',
      invokeTime: '1700000000000',
    });
    expect(ElectMasterResponseHeader.encode({ masterEpoch: 3 })).toEqual({ masterEpoch: '3' });
    expect(GetMetaDataResponseHeader.encode({ group: 'group1', isLeader: true, peers: 'n0:127.0.0.1:9878;' })).toEqual({
      group: 'group1',
      isLeader: 'true',
      peers: 'n0:127.0.0.1:9878;',
    });
    expect(
      CleanControllerBrokerDataRequestHeader.encode({
        brokerName: 'b',
        brokerControllerIdsToClean: '1;2',
        isCleanLivingBroker: false,
        invokeTime: 5,
      }),
    ).toEqual({
      brokerName: 'b',
      brokerControllerIdsToClean: '1;2',
      isCleanLivingBroker: 'false',
      invokeTime: '5',
    });
  });

  it('reads back what it writes', () => {
    const register: RegisterBrokerToControllerRequestHeader = {
      clusterName: 'c',
      brokerName: 'b',
      brokerId: 2,
      brokerAddress: '127.0.0.1:30911',
      invokeTime: 9,
    };
    expect(RegisterBrokerToControllerRequestHeader.decode(RegisterBrokerToControllerRequestHeader.encode(register))).toEqual(register);
    const notify: NotifyBrokerRoleChangedRequestHeader = { masterAddress: 'a:1', masterEpoch: 4, syncStateSetEpoch: 5, masterBrokerId: 2 };
    expect(NotifyBrokerRoleChangedRequestHeader.decode(NotifyBrokerRoleChangedRequestHeader.encode(notify))).toEqual(notify);
    const apply: ApplyBrokerIdRequestHeader = {
      clusterName: 'c',
      brokerName: 'b',
      appliedBrokerId: 3,
      registerCheckCode: '127.0.0.1:30911;1700000000000',
    };
    expect(ApplyBrokerIdRequestHeader.decode(ApplyBrokerIdRequestHeader.encode(apply))).toEqual(apply);
    expect(AlterSyncStateSetResponseHeader.decode({ newSyncStateSetEpoch: '7' })).toEqual({ newSyncStateSetEpoch: 7 });
    expect(GetNextBrokerIdResponseHeader.decode({ nextBrokerId: '1', brokerName: 'b' })).toEqual({
      brokerName: 'b',
      nextBrokerId: 1,
      clusterName: undefined,
    });
  });

  it('fills the Java defaults of ElectMasterRequestHeader: "" names, brokerId -1 (controller-triggered), designateElect false', () => {
    expect(ElectMasterRequestHeader.decode({})).toEqual({
      clusterName: '',
      brokerName: '',
      brokerId: -1,
      designateElect: false,
      invokeTime: undefined,
    });
    expect(ElectMasterRequestHeader.decode({ brokerName: 'b', brokerId: '2', designateElect: 'TRUE' })).toMatchObject({
      brokerId: 2,
      designateElect: true,
    });
  });

  it('reads a reply without a master as all fields absent', () => {
    expect(GetReplicaInfoResponseHeader.decode({})).toEqual({
      masterBrokerId: undefined,
      masterAddress: undefined,
      masterEpoch: undefined,
    });
    expect(GetMetaDataResponseHeader.decode({ isLeader: 'false' }).isLeader).toBe(false);
  });

  it('names the header and field of a bad value', () => {
    expect(() => AlterSyncStateSetRequestHeader.decode({ brokerName: 'b', masterEpoch: 'x' })).toThrow(HeaderError);
    expect(() => AlterSyncStateSetRequestHeader.decode({ brokerName: 'b', masterEpoch: 'x' })).toThrow(
      'AlterSyncStateSetRequestHeader.masterEpoch: not an integer: "x"',
    );
    expect(() => ApplyBrokerIdRequestHeader.decode({ brokerName: 'b', registerCheckCode: 'a;1' })).toThrow(
      'ApplyBrokerIdRequestHeader.appliedBrokerId: missing',
    );
    expect(() => CleanControllerBrokerDataRequestHeader.decode({})).toThrow('CleanControllerBrokerDataRequestHeader.brokerName: missing');
  });
});
