import { describe, expect, it } from 'vitest';

import { HeaderError } from './header-error';
import { GetRouteInfoRequestHeader } from './get-route-info-request-header';
import { PullMessageRequestHeader } from './pull-message-request-header';
import { RegisterBrokerRequestHeader } from './register-broker-request-header';
import { SendMessageRequestHeader } from './send-message-request-header';
import { SendMessageRequestHeaderV2 } from './send-message-request-header-v2';
import { SendMessageResponseHeader } from './send-message-response-header';

const v1: SendMessageRequestHeader = {
  producerGroup: 'PG',
  topic: 'T',
  defaultTopic: 'TBW102',
  defaultTopicQueueNums: 4,
  queueId: 3,
  sysFlag: 0,
  bornTimestamp: 1700000000000,
  flag: 0,
  properties: 'TAGS\u0001a\u0002',
  reconsumeTimes: 0,
  unitMode: false,
};

describe('Protocol > headers', () => {
  it('writes SEND_MESSAGE_V2 with the one-letter keys of docs/remoting-protocol.md#requests-the-broker-serves, as ali-ons sends them (a..l)', () => {
    expect(SendMessageRequestHeaderV2.encodeFromV1(v1)).toEqual({
      a: 'PG',
      b: 'T',
      c: 'TBW102',
      d: '4',
      e: '3',
      f: '0',
      g: '1700000000000',
      h: '0',
      i: 'TAGS\u0001a\u0002',
      j: '0',
      k: 'false',
    });
  });

  it('reads a V2 header straight into the long-name shape and converts both ways', () => {
    const ext = {
      a: 'PG',
      b: 'T',
      c: 'TBW102',
      d: '4',
      e: '3',
      f: '0',
      g: '1700000000000',
      h: '0',
      i: 'TAGS\u0001a\u0002',
      j: '0',
      k: 'false',
    };
    expect(SendMessageRequestHeaderV2.decodeAsV1(ext)).toEqual(v1);
    const v2 = SendMessageRequestHeaderV2.decode(ext);
    expect(v2).toMatchObject({ a: 'PG', e: 3, g: 1700000000000, k: false });
    expect(SendMessageRequestHeaderV2.toV1(v2)).toEqual(v1);
    expect(SendMessageRequestHeaderV2.fromV1(v1)).toEqual(v2);
  });

  it('writes the long-name header with bname for the target broker, as rocketmq-client-go does', () => {
    expect(SendMessageRequestHeader.encode({ ...v1, brokerName: 'broker-a' })).toMatchObject({
      defaultTopicQueueNums: '4',
      bname: 'broker-a',
    });
  });

  it('names a missing one-letter key', () => {
    expect(() => SendMessageRequestHeaderV2.decodeAsV1({ a: 'PG', b: 'T' })).toThrow('SendMessageRequestHeaderV2.c: missing');
  });

  it('adds the MSG_REGION and TRACE_ON extras to a send response', () => {
    expect(
      SendMessageResponseHeader.encode({
        msgId: '0A00000100002A9F0000000000000000',
        queueId: 1,
        queueOffset: 7,
        regionId: 'DefaultRegion',
        traceOn: true,
      }),
    ).toEqual({
      msgId: '0A00000100002A9F0000000000000000',
      queueId: '1',
      queueOffset: '7',
      MSG_REGION: 'DefaultRegion',
      TRACE_ON: 'true',
    });
  });

  it('accepts the extFields ali-ons sends (numbers coerced to strings by the header decoder)', () => {
    const pull = PullMessageRequestHeader.decode({
      consumerGroup: 'G',
      topic: 'T',
      queueId: '0',
      queueOffset: '12',
      maxMsgNums: '32',
      sysFlag: '6',
      commitOffset: '-1',
      suspendTimeoutMillis: '15000',
      subscription: '*',
      subVersion: '1700000000000',
    });
    expect(pull).toMatchObject({ queueOffset: 12, commitOffset: -1, suspendTimeoutMillis: 15000, expressionType: undefined });
  });

  it('fills the register header fields Java always sends when an older broker omits them', () => {
    const header = RegisterBrokerRequestHeader.decode({
      brokerName: 'b',
      brokerAddr: 'a:1',
      clusterName: 'c',
      haServerAddr: 'a:2',
      brokerId: '0',
    });
    expect(header).toMatchObject({ compressed: false, bodyCrc32: 0, brokerId: 0 });
  });

  it('rejects a malformed number with the header and field named', () => {
    expect(() =>
      RegisterBrokerRequestHeader.decode({ brokerName: 'b', brokerAddr: 'a:1', clusterName: 'c', haServerAddr: 'a:2', brokerId: '1.5' }),
    ).toThrow(new HeaderError('RegisterBrokerRequestHeader', 'brokerId', 'not an integer: "1.5"'));
    expect(() => GetRouteInfoRequestHeader.decode(undefined)).toThrow(HeaderError);
  });
});
