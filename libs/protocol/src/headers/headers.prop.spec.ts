import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { decodeFrame, encodeFrame } from '../command/frame-codec';
import type { ExtFields } from '../command/remoting-command';
import { createRequest } from '../command/remoting-command';
import * as headers from './index';

/** Fixed seed: a failure prints it with the shrunk counterexample, and re-runs are identical. */
const RUN = { seed: 20261121, numRuns: 200 } as const;

const text = fc.string({ unit: 'binary', maxLength: 24 });
const int32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });
const long = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const bool = fc.boolean();
const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined });

interface Codec<T> {
  encode(header: T): ExtFields;
  decode(ext: ExtFields | undefined): T;
}

const brokerIdentity = { brokerName: text, brokerAddr: text, clusterName: text, brokerId: long };

/** A header's codec and arbitrary, with the header type erased so all cases fit one table. */
interface HeaderCase {
  readonly arbitrary: fc.Arbitrary<unknown>;
  encode(header: unknown): ExtFields;
  decode(ext: ExtFields | undefined): unknown;
}

function headerCase<T>(name: string, codec: Codec<T>, arbitrary: fc.Arbitrary<T>): [string, HeaderCase] {
  return [name, { arbitrary, encode: (header) => codec.encode(header as T), decode: (ext) => codec.decode(ext) }];
}

const cases: Array<[string, HeaderCase]> = [
  headerCase(
    'RegisterBrokerRequestHeader',
    headers.RegisterBrokerRequestHeader,
    fc.record({
      ...brokerIdentity,
      haServerAddr: text,
      heartbeatTimeoutMillis: maybe(long),
      enableActingMaster: maybe(bool),
      compressed: bool,
      bodyCrc32: int32,
    }),
  ),
  headerCase(
    'RegisterBrokerResponseHeader',
    headers.RegisterBrokerResponseHeader,
    fc.record({ haServerAddr: maybe(text), masterAddr: maybe(text) }),
  ),
  headerCase('UnRegisterBrokerRequestHeader', headers.UnRegisterBrokerRequestHeader, fc.record(brokerIdentity)),
  headerCase(
    'GetRouteInfoRequestHeader',
    headers.GetRouteInfoRequestHeader,
    fc.record({ topic: text, acceptStandardJsonOnly: maybe(bool) }),
  ),
  headerCase('PutKVConfigRequestHeader', headers.PutKVConfigRequestHeader, fc.record({ namespace: text, key: text, value: text })),
  headerCase('GetKVConfigRequestHeader', headers.GetKVConfigRequestHeader, fc.record({ namespace: text, key: text })),
  headerCase('GetKVConfigResponseHeader', headers.GetKVConfigResponseHeader, fc.record({ value: maybe(text) })),
  headerCase('DeleteKVConfigRequestHeader', headers.DeleteKVConfigRequestHeader, fc.record({ namespace: text, key: text })),
  headerCase('GetKVListByNamespaceRequestHeader', headers.GetKVListByNamespaceRequestHeader, fc.record({ namespace: text })),
  headerCase('QueryDataVersionRequestHeader', headers.QueryDataVersionRequestHeader, fc.record(brokerIdentity)),
  headerCase('QueryDataVersionResponseHeader', headers.QueryDataVersionResponseHeader, fc.record({ changed: bool })),
  headerCase(
    'BrokerHeartbeatRequestHeader',
    headers.BrokerHeartbeatRequestHeader,
    fc.record({
      clusterName: text,
      brokerAddr: text,
      brokerName: text,
      brokerId: maybe(long),
      epoch: maybe(int32),
      maxOffset: maybe(long),
      confirmOffset: maybe(long),
      heartbeatTimeoutMills: maybe(long),
      electionPriority: maybe(int32),
    }),
  ),
  headerCase('GetTopicsByClusterRequestHeader', headers.GetTopicsByClusterRequestHeader, fc.record({ cluster: text })),
  headerCase(
    'DeleteTopicFromNamesrvRequestHeader',
    headers.DeleteTopicFromNamesrvRequestHeader,
    fc.record({ topic: text, clusterName: maybe(text) }),
  ),
  headerCase('WipeWritePermOfBrokerRequestHeader', headers.WipeWritePermOfBrokerRequestHeader, fc.record({ brokerName: text })),
  headerCase('WipeWritePermOfBrokerResponseHeader', headers.WipeWritePermOfBrokerResponseHeader, fc.record({ wipeTopicCount: int32 })),
  headerCase('AddWritePermOfBrokerRequestHeader', headers.AddWritePermOfBrokerRequestHeader, fc.record({ brokerName: text })),
  headerCase('AddWritePermOfBrokerResponseHeader', headers.AddWritePermOfBrokerResponseHeader, fc.record({ addTopicCount: int32 })),
  headerCase('RegisterTopicRequestHeader', headers.RegisterTopicRequestHeader, fc.record({ topic: text })),
  headerCase(
    'GetBrokerMemberGroupRequestHeader',
    headers.GetBrokerMemberGroupRequestHeader,
    fc.record({ clusterName: text, brokerName: text }),
  ),
  headerCase('SendMessageRequestHeader', headers.SendMessageRequestHeader, sendHeader()),
  headerCase(
    'SendMessageRequestHeaderV2',
    headers.SendMessageRequestHeaderV2,
    sendHeader().map((v1) => headers.SendMessageRequestHeaderV2.fromV1(v1)),
  ),
  headerCase(
    'SendMessageResponseHeader',
    headers.SendMessageResponseHeader,
    fc.record({
      msgId: text,
      queueId: int32,
      queueOffset: long,
      transactionId: maybe(text),
      batchUniqId: maybe(text),
      recallHandle: maybe(text),
      regionId: maybe(text),
      traceOn: maybe(bool),
    }),
  ),
  headerCase(
    'PullMessageRequestHeader',
    headers.PullMessageRequestHeader,
    fc.record({
      consumerGroup: text,
      topic: text,
      queueId: int32,
      queueOffset: long,
      maxMsgNums: int32,
      sysFlag: int32,
      commitOffset: long,
      suspendTimeoutMillis: long,
      subscription: maybe(text),
      subVersion: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      expressionType: maybe(text),
      maxMsgBytes: maybe(int32),
      requestSource: maybe(int32),
      proxyFrowardClientId: maybe(text),
    }),
  ),
  headerCase(
    'PullMessageResponseHeader',
    headers.PullMessageResponseHeader,
    fc.record({
      suggestWhichBrokerId: long,
      nextBeginOffset: long,
      minOffset: long,
      maxOffset: long,
      offsetDelta: maybe(long),
      topicSysFlag: maybe(int32),
      groupSysFlag: maybe(int32),
      forbiddenType: maybe(int32),
    }),
  ),
  headerCase(
    'EndTransactionRequestHeader',
    headers.EndTransactionRequestHeader,
    fc.record({
      producerGroup: text,
      tranStateTableOffset: long,
      commitLogOffset: long,
      commitOrRollback: int32,
      fromTransactionCheck: bool,
      msgId: text,
      transactionId: maybe(text),
      topic: maybe(text),
      bname: maybe(text),
    }),
  ),
  headerCase(
    'CheckTransactionStateRequestHeader',
    headers.CheckTransactionStateRequestHeader,
    fc.record({
      topic: maybe(text),
      tranStateTableOffset: long,
      commitLogOffset: long,
      msgId: maybe(text),
      transactionId: maybe(text),
      offsetMsgId: maybe(text),
      bname: maybe(text),
    }),
  ),
];

function sendHeader(): fc.Arbitrary<headers.SendMessageRequestHeader> {
  return fc.record({
    producerGroup: text,
    topic: text,
    defaultTopic: text,
    defaultTopicQueueNums: int32,
    queueId: int32,
    sysFlag: int32,
    bornTimestamp: long,
    flag: int32,
    properties: maybe(text),
    reconsumeTimes: maybe(int32),
    unitMode: maybe(bool),
    batch: maybe(bool),
    maxReconsumeTimes: maybe(int32),
    brokerName: maybe(text),
  });
}

describe('Protocol > headers > round trip', () => {
  it.each(cases)('%s: decode(encode(x)) = x, with string values only', (_name, codec) => {
    fc.assert(
      fc.property(codec.arbitrary, (header) => {
        const ext = codec.encode(header);
        expect(Object.values(ext).every((value) => typeof value === 'string')).toBe(true);
        expect(codec.decode(ext)).toEqual(header);
      }),
      RUN,
    );
  });

  it.each(cases)('%s: survives a JSON-header frame', (_name, codec) => {
    fc.assert(
      fc.property(codec.arbitrary, (header) => {
        const frame = encodeFrame(createRequest(1, { extFields: codec.encode(header) }));
        expect(codec.decode(decodeFrame(frame.subarray(4)).extFields)).toEqual(header);
      }),
      { ...RUN, numRuns: 50 },
    );
  });
});
