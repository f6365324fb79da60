import { describe, expect, it } from 'vitest';

import { ClusterInfo } from './cluster-info';
import { DataVersion } from './data-version';
import { GetBrokerMemberGroupResponseBody } from './get-broker-member-group-response-body';
import { KVTable } from './kv-table';
import { TopicList } from './topic-list';

describe('Protocol > bodies > namesrv replies', () => {
  it('writes ClusterInfo as docs/remoting-protocol.md#requests-the-broker-serves shows it, bare broker ids whatever the version', () => {
    const info: ClusterInfo = {
      brokerAddrTable: new Map([
        [
          'broker-a',
          {
            cluster: 'DefaultCluster',
            brokerName: 'broker-a',
            brokerAddrs: new Map([
              [0, '10.0.0.1:10911'],
              [1, '10.0.0.2:10911'],
            ]),
            enableActingMaster: false,
          },
        ],
      ]),
      clusterAddrTable: new Map([['DefaultCluster', ['broker-a']]]),
    };
    const text =
      '{"brokerAddrTable":{"broker-a":{"brokerAddrs":{0:"10.0.0.1:10911",1:"10.0.0.2:10911"},"brokerName":"broker-a","cluster":"DefaultCluster","enableActingMaster":false}},' +
      '"clusterAddrTable":{"DefaultCluster":["broker-a"]}}';
    expect(ClusterInfo.encode(info).toString()).toBe(text);
    expect(ClusterInfo.decode(text)).toEqual(info);
  });

  it('writes TopicList as {"topicList":[...]} (docs/remoting-protocol.md#requests-the-broker-serves) and a broker address when set', () => {
    expect(TopicList.encode({ topicList: ['A', 'B'] }).toString()).toBe('{"topicList":["A","B"]}');
    expect(TopicList.encode({ topicList: [], brokerAddr: 'a:1' }).toString()).toBe('{"brokerAddr":"a:1","topicList":[]}');
    expect(TopicList.decode('{"topicList":["A"]}')).toEqual({ topicList: ['A'] });
  });

  it('writes KVTable as {"table":{...}} in insertion order', () => {
    const kv: KVTable = {
      table: new Map([
        ['brokerVersionDesc', 'V5_3_3'],
        ['brokerActive', 'true'],
      ]),
    };
    expect(KVTable.encode(kv).toString()).toBe('{"table":{"brokerVersionDesc":"V5_3_3","brokerActive":"true"}}');
    expect(KVTable.decode(KVTable.encode(kv))).toEqual(kv);
  });

  it('writes DataVersion with fastjson key order and reads a Java one', () => {
    const version: DataVersion = { counter: 3n, stateVersion: 0n, timestamp: 1700000000000n };
    expect(DataVersion.encode(version).toString()).toBe('{"counter":3,"stateVersion":0,"timestamp":1700000000000}');
    expect(DataVersion.decode('{"stateVersion":0,"timestamp":1700000000000,"counter":3}')).toEqual(version);
    expect(DataVersion.equals(version, { ...version, counter: 4n })).toBe(false);
  });

  it('writes the broker member group with bare ids (docs/remoting-protocol.md#json-bodies)', () => {
    const body: GetBrokerMemberGroupResponseBody = {
      brokerMemberGroup: {
        cluster: 'c',
        brokerName: 'b',
        brokerAddrs: new Map([
          [0, 'a:1'],
          [1, 'a:2'],
        ]),
      },
    };
    const text = '{"brokerMemberGroup":{"brokerAddrs":{0:"a:1",1:"a:2"},"brokerName":"b","cluster":"c"}}';
    expect(GetBrokerMemberGroupResponseBody.encode(body).toString()).toBe(text);
    expect(GetBrokerMemberGroupResponseBody.decode(text)).toEqual(body);
  });
});
