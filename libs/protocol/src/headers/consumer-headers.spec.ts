import { describe, expect, it } from 'vitest';

import { ConsumerSendMsgBackRequestHeader } from './consumer-send-msg-back-request-header';
import { OffsetResponseHeader } from './offset-response-header';
import { QueryConsumerOffsetRequestHeader } from './query-consumer-offset-request-header';
import { QueryMessageRequestHeader } from './query-message-request-header';
import { UpdateConsumerOffsetRequestHeader } from './update-consumer-offset-request-header';

describe('Protocol > headers > consumer side', () => {
  it('reads the send-back header ali-ons sends (numbers and booleans as JSON values, coerced to text)', () => {
    const header = ConsumerSendMsgBackRequestHeader.decode({
      offset: '4096',
      group: 'G',
      delayLevel: '0',
      originMsgId: '7F00000100002A9F0000000000001000',
      originTopic: 'T',
      unitMode: 'false',
      maxReconsumeTimes: '16',
    });
    expect(header).toEqual({
      offset: 4096,
      group: 'G',
      delayLevel: 0,
      originMsgId: '7F00000100002A9F0000000000001000',
      originTopic: 'T',
      unitMode: false,
      maxReconsumeTimes: 16,
      bname: undefined,
    });
    expect(ConsumerSendMsgBackRequestHeader.decode(ConsumerSendMsgBackRequestHeader.encode(header))).toEqual(header);
  });

  it('keeps the -1 commit offset ali-ons may send', () => {
    expect(
      UpdateConsumerOffsetRequestHeader.decode({ consumerGroup: 'G', topic: 'T', queueId: '1', commitOffset: '-1' }).commitOffset,
    ).toBe(-1);
  });

  it('round-trips the offset query and its reply', () => {
    const query = { consumerGroup: 'G', topic: 'T', queueId: 2, setZeroIfNotFound: false };
    expect(QueryConsumerOffsetRequestHeader.decode(QueryConsumerOffsetRequestHeader.encode(query))).toMatchObject(query);
    expect(OffsetResponseHeader.encode({ offset: 12 })).toEqual({ offset: '12' });
  });

  it('names the missing key of a query-message header', () => {
    expect(() => QueryMessageRequestHeader.decode({ topic: 'T', key: 'k', maxNum: '32', beginTimestamp: '0' })).toThrow(
      'QueryMessageRequestHeader.endTimestamp: missing',
    );
  });

  it("clamps the Long.MAX_VALUE end time Java's query tools send", () => {
    const header = QueryMessageRequestHeader.decode({
      topic: 'T',
      key: 'k',
      maxNum: '64',
      beginTimestamp: '0',
      endTimestamp: '9223372036854775807',
    });
    expect(header.endTimestamp).toBe(Number.MAX_SAFE_INTEGER);
  });
});
