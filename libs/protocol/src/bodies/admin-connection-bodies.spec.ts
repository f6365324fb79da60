import { describe, expect, it } from 'vitest';

import { ResetOffsetRequestHeader } from '../headers/reset-offset-request-header';
import { ConsumerConnection } from './consumer-connection';
import { ProducerConnection } from './producer-connection';
import { ResetOffsetBody } from './reset-offset-body';

// Golden text: the fastjson layout of Java's ConsumerConnection, ProducerConnection and
// ResetOffsetBody (getters alphabetically, MessageQueue map keys as embedded objects).
const connection = { clientId: '10.0.0.7@4242#123', clientAddr: '10.0.0.7:51234', language: 'JAVA', version: 475 };
const subscription = {
  topic: 'T',
  subString: 'a || b',
  tagsSet: ['a', 'b'],
  codeSet: [97, 98],
  subVersion: 1700000000000n,
  expressionType: 'TAG',
  classFilterMode: false,
};

describe('Protocol > bodies > admin connections and reset offset', () => {
  it('writes ConsumerConnection as fastjson does and reads it back', () => {
    const body = {
      connectionSet: [connection],
      subscriptionTable: new Map([['T', subscription]]),
      consumeType: 'CONSUME_PASSIVELY',
      messageModel: 'CLUSTERING',
      consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
    };
    const text = ConsumerConnection.encode(body).toString();
    expect(text).toBe(
      '{"connectionSet":[{"clientAddr":"10.0.0.7:51234","clientId":"10.0.0.7@4242#123","language":"JAVA","version":475}],' +
        '"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","consumeType":"CONSUME_PASSIVELY","messageModel":"CLUSTERING",' +
        '"subscriptionTable":{"T":{"classFilterMode":false,"codeSet":[97,98],"expressionType":"TAG","subString":"a || b","subVersion":1700000000000,"tagsSet":["a","b"],"topic":"T"}}}',
    );
    expect(ConsumerConnection.decode(text)).toEqual(body);
    expect(ConsumerConnection.minVersion(body)).toBe(475);
  });

  it('reads a ConsumerConnection with missing enums and fields as Java defaults', () => {
    expect(ConsumerConnection.decode('{"connectionSet":[{"clientId":"c"}]}')).toEqual({
      connectionSet: [{ clientId: 'c', clientAddr: '', language: 'JAVA', version: 0 }],
      subscriptionTable: new Map(),
      consumeType: '',
      messageModel: '',
      consumeFromWhere: '',
    });
  });

  it('writes ProducerConnection as fastjson does and reads it back', () => {
    const text = ProducerConnection.encode({ connectionSet: [connection] }).toString();
    expect(text).toBe('{"connectionSet":[{"clientAddr":"10.0.0.7:51234","clientId":"10.0.0.7@4242#123","language":"JAVA","version":475}]}');
    expect(ProducerConnection.decode(text)).toEqual({ connectionSet: [connection] });
  });

  it('writes ResetOffsetBody with object keys and reads them back', () => {
    const body = { offsetTable: [[{ topic: 'T', brokerName: 'broker-a', queueId: 1 }, 42] as const] };
    const text = ResetOffsetBody.encode(body).toString();
    expect(text).toBe('{"offsetTable":{{"brokerName":"broker-a","queueId":1,"topic":"T"}:42}}');
    expect(ResetOffsetBody.decode(text)).toEqual(body);
  });

  it('encodes ResetOffsetRequestHeader with Java field names and decodes a 5.x header', () => {
    expect(ResetOffsetRequestHeader.encode({ topic: 'T', group: 'G', timestamp: -1, isForce: true })).toEqual({
      topic: 'T',
      group: 'G',
      timestamp: '-1',
      isForce: 'true',
    });
    expect(
      ResetOffsetRequestHeader.decode({ topic: 'T', group: 'G', timestamp: '5', isForce: 'false', queueId: '-1', offset: '', lo: 'false' }),
    ).toEqual({
      topic: 'T',
      group: 'G',
      timestamp: 5,
      isForce: false,
      queueId: -1,
      offset: undefined,
    });
  });
});
