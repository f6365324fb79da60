import { deflateSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { ProtocolError } from '../command/protocol-error';
import { BodyError } from './body-error';
import { DataVersion } from './data-version';
import { RegisterBrokerBody } from './register-broker-body';
import type { TopicConfig } from '@rocketmq-ts/model';

import { TopicConfigWire } from './topic-config';
import { TopicConfigSerializeWrapper } from './topic-config-serialize-wrapper';

const topic: TopicConfig = {
  topicName: 'TopicTest',
  readQueueNums: 8,
  writeQueueNums: 8,
  perm: 6,
  topicFilterType: 'SINGLE_TAG',
  topicSysFlag: 0,
  order: false,
  attributes: {},
};
const version = { counter: 1n, stateVersion: 0n, timestamp: 1700000000000n };
const wrapper: TopicConfigSerializeWrapper = {
  topicConfigTable: new Map([['TopicTest', topic]]),
  dataVersion: version,
  mappingDataVersion: { counter: 0n, stateVersion: 0n, timestamp: 1700000000001n },
  topicQueueMappingDetailMap: new Map(),
  topicQueueMappingInfoMap: new Map(),
};
const body: RegisterBrokerBody = { topicConfigSerializeWrapper: wrapper, filterServerList: [] };

// docs/remoting-protocol.md#requests-the-broker-serves's GET_ALL_TOPIC_CONFIG example with <topic> = TopicTest and concrete data versions.
const WRAPPER_JSON =
  '{"dataVersion":{"counter":1,"stateVersion":0,"timestamp":1700000000000},"mappingDataVersion":{"counter":0,"stateVersion":0,"timestamp":1700000000001},' +
  '"topicConfigTable":{"TopicTest":{"attributes":{},"order":false,"perm":6,"readQueueNums":8,"topicFilterType":"SINGLE_TAG","topicName":"TopicTest","topicSysFlag":0,"writeQueueNums":8}},' +
  '"topicQueueMappingDetailMap":{},"topicQueueMappingInfoMap":{}}';

describe('Protocol > bodies > RegisterBrokerBody', () => {
  it('writes the topic config wrapper exactly as docs/remoting-protocol.md#requests-the-broker-serves shows it', () => {
    expect(TopicConfigSerializeWrapper.encode(wrapper).toString()).toBe(WRAPPER_JSON);
    expect(TopicConfigSerializeWrapper.decode(WRAPPER_JSON)).toEqual(wrapper);
  });

  it('writes the plain register body of docs/remoting-protocol.md#requests-the-broker-serves and reads it back', () => {
    const bytes = RegisterBrokerBody.encode(body);
    expect(bytes.toString()).toBe(`{"filterServerList":[],"topicConfigSerializeWrapper":${WRAPPER_JSON}}`);
    expect(RegisterBrokerBody.decode(bytes, false)).toEqual(body);
  });

  it('reads a Java-style body leniently: reordered keys, string numbers, missing parts, unknown fields', () => {
    const json =
      '{"topicConfigSerializeWrapper":{"topicConfigTable":{"T":{"perm":"7","readQueueNums":4,"writeQueueNums":4,"topicFilterType":"MULTI_TAG","order":true,"extra":1}},' +
      '"dataVersion":{"timestamp":5,"counter":2}},"somethingNew":[1]}';
    const decoded = RegisterBrokerBody.decode(Buffer.from(json), false);
    expect(decoded.filterServerList).toEqual([]);
    expect(decoded.topicConfigSerializeWrapper.dataVersion).toEqual({ counter: 2n, stateVersion: 0n, timestamp: 5n });
    expect(decoded.topicConfigSerializeWrapper.topicConfigTable.get('T')).toEqual({
      topicName: 'T',
      readQueueNums: 4,
      writeQueueNums: 4,
      perm: 7,
      topicFilterType: 'MULTI_TAG',
      topicSysFlag: 0,
      order: true,
      attributes: {},
    });
  });

  it('round-trips the compressed form (text topic configs lose sysFlag and order, as in Java)', () => {
    const attributed: TopicConfig = { ...topic, topicName: 'A', attributes: { '+message.type': 'NORMAL' }, order: true, topicSysFlag: 1 };
    const withMapping: RegisterBrokerBody = {
      topicConfigSerializeWrapper: {
        ...wrapper,
        topicConfigTable: new Map([['A', attributed]]),
        topicQueueMappingInfoMap: new Map([['A', { topic: 'A', totalQueues: 8 }]]),
      },
      filterServerList: ['f:1'],
    };
    const decoded = RegisterBrokerBody.decode(RegisterBrokerBody.encodeCompressed(withMapping), true);
    expect(decoded.filterServerList).toEqual(['f:1']);
    expect(decoded.topicConfigSerializeWrapper.dataVersion).toEqual(version);
    expect(decoded.topicConfigSerializeWrapper.topicConfigTable.get('A')).toEqual({ ...attributed, order: false, topicSysFlag: 0 });
    expect(decoded.topicConfigSerializeWrapper.topicQueueMappingInfoMap).toEqual(new Map([['A', { topic: 'A', totalQueues: 8 }]]));
  });

  it('reads a compressed body built by hand from the docs/remoting-protocol.md#requests-the-broker-serves layout, 4.x style (5-part text, no mapping section)', () => {
    const parts = [DataVersion.encode(version).toString(), 'T1 4 4 6 SINGLE_TAG', '[]'].map((text) => Buffer.from(text));
    const int = (value: number): Buffer => Buffer.from([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
    const [dataVersion, topicText, filters] = parts as [Buffer, Buffer, Buffer];
    const stream = Buffer.concat([
      int(dataVersion.length),
      dataVersion,
      int(1),
      int(topicText.length),
      topicText,
      int(filters.length),
      filters,
    ]);
    const decoded = RegisterBrokerBody.decode(deflateSync(stream), true);
    expect([...decoded.topicConfigSerializeWrapper.topicConfigTable.keys()]).toEqual(['T1']);
    expect(decoded.topicConfigSerializeWrapper.topicConfigTable.get('T1')).toMatchObject({ readQueueNums: 4, perm: 6, attributes: {} });
  });

  it('writes the topic config text form with the attributes JSON last', () => {
    expect(TopicConfigWire.encodeText({ ...topic, attributes: { k: 'v w' } })).toBe('TopicTest 8 8 6 SINGLE_TAG {"k":"v w"}');
    expect(TopicConfigWire.decodeText('TopicTest 8 8 6 SINGLE_TAG {"k":"v w"}').attributes).toEqual({ k: 'v w' });
  });

  it('turns corrupt compressed bodies into BodyErrors', () => {
    expect(() => RegisterBrokerBody.decode(Buffer.from('not zlib'), true)).toThrow(BodyError);
    const truncated = deflateSync(Buffer.from([0, 0, 0, 50, 123]));
    expect(() => RegisterBrokerBody.decode(truncated, true)).toThrow(/runs past the end/);
    expect(() => TopicConfigWire.decodeText('T 1.5 8 6 SINGLE_TAG')).toThrow(ProtocolError);
    expect(() => TopicConfigWire.decodeText('T 8 8 6 WEIRD')).toThrow(/topicFilterType/);
  });
});
