import { describe, expect, it } from 'vitest';

import { BodyError } from '../body-error';
import { BrokerNameList, BrokerReplicasInfo } from './broker-replicas-info';
import { ElectMasterResponseBody } from './elect-master-response-body';
import { EpochEntryCache } from './epoch-entry-cache';
import { SyncStateSet } from './sync-state-set';

describe('Protocol > bodies > controller', () => {
  it('writes SyncStateSet with sorted ids and fastjson key order, and reads it back', () => {
    expect(SyncStateSet.encode({ syncStateSet: [2, 1, 2], syncStateSetEpoch: 3 }).toString()).toBe(
      '{"syncStateSet":[1,2],"syncStateSetEpoch":3}',
    );
    expect(SyncStateSet.decode('{"syncStateSetEpoch":3,"syncStateSet":[2,1]}')).toEqual({ syncStateSet: [1, 2], syncStateSetEpoch: 3 });
  });

  it('writes ElectMasterResponseBody with bare numeric member ids, and only the set when there is no member group', () => {
    const body: ElectMasterResponseBody = {
      brokerMemberGroup: {
        cluster: 'DefaultCluster',
        brokerName: 'broker-a',
        brokerAddrs: new Map([
          [2, '10.0.0.2:30921'],
          [1, '10.0.0.1:30911'],
        ]),
      },
      syncStateSet: [2],
    };
    const text =
      '{"brokerMemberGroup":{"brokerAddrs":{1:"10.0.0.1:30911",2:"10.0.0.2:30921"},"brokerName":"broker-a","cluster":"DefaultCluster"},"syncStateSet":[2]}';
    expect(ElectMasterResponseBody.encode(body).toString()).toBe(text);
    expect(ElectMasterResponseBody.decode(text)).toEqual({
      ...body,
      brokerMemberGroup: {
        ...body.brokerMemberGroup,
        brokerAddrs: new Map([
          [1, '10.0.0.1:30911'],
          [2, '10.0.0.2:30921'],
        ]),
      },
    });
    expect(ElectMasterResponseBody.encode({ syncStateSet: [1, 2] }).toString()).toBe('{"syncStateSet":[1,2]}');
    expect(ElectMasterResponseBody.decode('{"syncStateSet":[1]}')).toEqual({ brokerMemberGroup: undefined, syncStateSet: [1] });
  });

  it('writes BrokerReplicasInfo as mqadmin getSyncStateSet reads it; a masterless set omits the master fields', () => {
    const body: BrokerReplicasInfo = {
      replicasInfoTable: new Map([
        [
          'broker-a',
          {
            masterBrokerId: 2,
            masterAddress: '10.0.0.2:30921',
            masterEpoch: 2,
            syncStateSetEpoch: 3,
            inSyncReplicas: [{ brokerName: 'broker-a', brokerId: 2, brokerAddress: '10.0.0.2:30921', alive: true }],
            notInSyncReplicas: [{ brokerName: 'broker-a', brokerId: 1, brokerAddress: '10.0.0.1:30911', alive: false }],
          },
        ],
      ]),
    };
    const text =
      '{"replicasInfoTable":{"broker-a":{"inSyncReplicas":[{"alive":true,"brokerAddress":"10.0.0.2:30921","brokerId":2,"brokerName":"broker-a"}],' +
      '"masterAddress":"10.0.0.2:30921","masterBrokerId":2,"masterEpoch":2,"notInSyncReplicas":[{"alive":false,"brokerAddress":"10.0.0.1:30911","brokerId":1,"brokerName":"broker-a"}],' +
      '"syncStateSetEpoch":3}}}';
    expect(BrokerReplicasInfo.encode(body).toString()).toBe(text);
    expect(BrokerReplicasInfo.decode(text)).toEqual(body);
    const masterless = BrokerReplicasInfo.decode(
      '{"replicasInfoTable":{"b":{"inSyncReplicas":[],"masterEpoch":2,"notInSyncReplicas":[],"syncStateSetEpoch":1}}}',
    );
    expect(masterless.replicasInfoTable.get('b')).toMatchObject({ masterBrokerId: undefined, masterAddress: undefined, masterEpoch: 2 });
  });

  it('reads and writes the 1006 request body, a bare array of broker names', () => {
    expect(BrokerNameList.encode(['broker-a', 'broker-b']).toString()).toBe('["broker-a","broker-b"]');
    expect(BrokerNameList.decode('["broker-a"]')).toEqual(['broker-a']);
    expect(() => BrokerNameList.decode('{"a":1}')).toThrow(BodyError);
  });

  it('keeps EpochEntryCache offsets exact, Long.MAX_VALUE included', () => {
    const text =
      '{"brokerId":0,"brokerName":"broker-a","clusterName":"DefaultCluster","epochList":[{"endOffset":1570,"epoch":1,"startOffset":0},' +
      '{"endOffset":9223372036854775807,"epoch":2,"startOffset":1570}],"maxOffset":3140}';
    const cache = EpochEntryCache.decode(text);
    expect(cache.epochList[1]).toEqual({ epoch: 2, startOffset: 1570n, endOffset: 9223372036854775807n });
    expect(cache.maxOffset).toBe(3140n);
    expect(EpochEntryCache.encode(cache).toString()).toBe(text);
  });

  it('rejects a non-numeric id in a set with the path of the bad value', () => {
    expect(() => SyncStateSet.decode('{"syncStateSet":[1,"x"],"syncStateSetEpoch":1}')).toThrow('SyncStateSet $.syncStateSet[1]');
  });
});
