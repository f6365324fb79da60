import { describe, expect, it } from 'vitest';

import { usesStandardRouteJson } from '../codes/mq-version';
import { ProtocolError } from '../command/protocol-error';
import { BrokerData } from './broker-data';
import { TopicRouteData } from './topic-route-data';

// The two examples of docs/remoting-protocol.md#json-bodies, verbatim ("…same…" expanded).
const QUEUE_DATAS = '[{"brokerName":"broker-a","perm":6,"readQueueNums":8,"topicSysFlag":0,"writeQueueNums":8}]';
const STANDARD = `{"brokerDatas":[{"brokerAddrs":{"0":"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster","enableActingMaster":false}],"filterServerTable":{},"queueDatas":${QUEUE_DATAS}}`;
const LEGACY = `{"brokerDatas":[{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster","enableActingMaster":false}],"filterServerTable":{},"queueDatas":${QUEUE_DATAS}}`;

const brokerA: BrokerData = {
  cluster: 'DefaultCluster',
  brokerName: 'broker-a',
  brokerAddrs: new Map([[0, '10.0.0.1:10911']]),
  enableActingMaster: false,
};
const route: TopicRouteData = {
  queueDatas: [{ brokerName: 'broker-a', readQueueNums: 8, writeQueueNums: 8, perm: 6, topicSysFlag: 0 }],
  brokerDatas: [brokerA],
  filterServerTable: new Map(),
};

describe('Protocol > bodies > TopicRouteData', () => {
  it('writes the standard example of docs/remoting-protocol.md#json-bodies byte for byte', () => {
    expect(TopicRouteData.encode(route, { standardJson: true }).toString('utf8')).toBe(STANDARD);
  });

  it('writes the legacy example of docs/remoting-protocol.md#json-bodies byte for byte', () => {
    expect(TopicRouteData.encode(route, { standardJson: false }).toString('utf8')).toBe(LEGACY);
  });

  it('picks the mode from the requester like the namesrv does', () => {
    const forGo = TopicRouteData.encode(route, { standardJson: usesStandardRouteJson(317, undefined) }).toString();
    const forJava = TopicRouteData.encode(route, { standardJson: usesStandardRouteJson(479, undefined) }).toString();
    expect([forGo, forJava]).toEqual([LEGACY, STANDARD]);
  });

  it('reads both forms to the same route', () => {
    expect(TopicRouteData.decode(STANDARD)).toEqual(route);
    expect(TopicRouteData.decode(Buffer.from(LEGACY))).toEqual(route);
  });

  it('sorts broker ids ascending, so a master precedes its slaves whatever the insertion order', () => {
    const broker: BrokerData = {
      ...brokerA,
      brokerAddrs: new Map([
        [2, 'c:1'],
        [0, 'a:1'],
        [1, 'b:1'],
      ]),
    };
    const text = TopicRouteData.encode({ ...route, brokerDatas: [broker] }, { standardJson: false }).toString();
    expect(text).toContain('"brokerAddrs":{0:"a:1",1:"b:1",2:"c:1"}');
  });

  it('writes the optional fields only when set, in sorted position', () => {
    const text = TopicRouteData.encode(
      { ...route, orderTopicConf: 'broker-a:8', filterServerTable: new Map([['10.0.0.1:10911', ['f:1']]]) },
      { standardJson: true },
    );
    expect(text.toString()).toBe(
      `{"brokerDatas":[{"brokerAddrs":{"0":"10.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster","enableActingMaster":false}],"filterServerTable":{"10.0.0.1:10911":["f:1"]},"orderTopicConf":"broker-a:8","queueDatas":${QUEUE_DATAS}}`,
    );
  });

  it('escapes non-ASCII in standard mode only, and reads both back', () => {
    const named = { ...route, brokerDatas: [{ ...brokerA, zoneName: 'zoné' }] };
    const standard = TopicRouteData.encode(named, { standardJson: true });
    const legacy = TopicRouteData.encode(named, { standardJson: false });
    expect(standard.toString()).toContain('"zoneName":"zon\\u00e9"');
    expect(legacy.toString()).toContain('"zoneName":"zoné"');
    expect(TopicRouteData.decode(standard)).toEqual(named);
    expect(TopicRouteData.decode(legacy)).toEqual(named);
  });

  it('rejects a route whose broker ids are not numbers, as a ProtocolError', () => {
    expect(() => TopicRouteData.decode('{"brokerDatas":[{"brokerName":"b","brokerAddrs":{"x":"a:1"}}]}')).toThrow(ProtocolError);
    expect(() => TopicRouteData.decode('{"queueDatas":{}}')).toThrow(/expected an array/);
  });
});
