import { describe, expect, it } from 'vitest';

import { BatchAckMessageRequestBody, decodeAckBits, encodeAckBits } from '../bodies/batch-ack-message-request-body';
import { HeaderError } from './header-error';
import { parsePopQueueNumbers, PopExtraInfo, popOffsetInfo, popRetryFlagOf, popStoredTopicOf } from './pop-extra-info';
import { PopMessageRequestHeader } from './pop-message-request-header';

describe('Protocol > pop headers', () => {
  it('reads a receipt handle as the Java client builds it, and writes it back unchanged', () => {
    const text = '12 1700000000000 30000 0 1 broker-a 3 14';
    const info = PopExtraInfo.decode(text);
    expect(info).toEqual({
      ckQueueOffset: 12,
      popTime: 1_700_000_000_000,
      invisibleTime: 30_000,
      reviveQid: 0,
      retry: '1',
      brokerName: 'broker-a',
      queueId: 3,
      queueOffset: 14,
    });
    expect(PopExtraInfo.encode(info)).toBe(text);
    expect(popStoredTopicOf('T', 'G', info.retry)).toBe('%RETRY%G_T');
  });

  it('refuses a handle with too few parts or an unknown retry flag, naming the part', () => {
    expect(() => PopExtraInfo.decode('1 2 3')).toThrow(HeaderError);
    expect(() => PopExtraInfo.decode('1 2 3 0 x b 0 1')).toThrow(/retry/);
    expect(() => PopExtraInfo.decode('1 2 3 0 0 b zz 1')).toThrow(/queueId/);
  });

  it('tells retry v1, v2 and plain topics apart and joins per-queue offset info with ;', () => {
    expect([popRetryFlagOf('T'), popRetryFlagOf('%RETRY%G_T'), popRetryFlagOf('%RETRY%G+T')]).toEqual(['0', '1', '2']);
    const info = popOffsetInfo([
      { storedTopic: 'T', queueId: 1, startOffset: 4, offsets: [4, 6] },
      { storedTopic: '%RETRY%G_T', queueId: 0, startOffset: 0, offsets: [0], orderCount: 2 },
    ]);
    expect(info).toEqual({ startOffsetInfo: '0 1 4;1 0 0', msgOffsetInfo: '0 1 4,6;1 0 0', orderCountInfo: '1 0 2' });
    expect(parsePopQueueNumbers(info.startOffsetInfo)).toEqual(
      new Map([
        ['0@1', 4],
        ['1@0', 0],
      ]),
    );
    expect(parsePopQueueNumbers(undefined).size).toBe(0);
  });

  it('round-trips a pop request header; order defaults to false', () => {
    const header = {
      consumerGroup: 'G',
      topic: 'T',
      queueId: -1,
      maxMsgNums: 32,
      invisibleTime: 60_000,
      pollTime: 0,
      bornTime: 1,
      initMode: 1,
      order: false,
    };
    expect(PopMessageRequestHeader.decode(PopMessageRequestHeader.encode(header))).toEqual({
      ...header,
      expType: undefined,
      exp: undefined,
      attemptId: undefined,
    });
    const { order: _order, ...withoutOrder } = PopMessageRequestHeader.encode(header);
    expect(PopMessageRequestHeader.decode(withoutOrder).order).toBe(false);
  });

  it('encodes ack offsets as java.util.BitSet bytes (little-endian bits) and decodes long and short field names', () => {
    expect(encodeAckBits(10, [10, 12, 19])).toBe(Buffer.from([0b101, 0b10]).toString('base64'));
    expect(decodeAckBits(10, encodeAckBits(10, [10, 12, 19]))).toEqual([10, 12, 19]);
    const body = BatchAckMessageRequestBody.encode({
      brokerName: 'b',
      acks: [
        {
          consumerGroup: 'G',
          topic: 'T',
          retry: '0',
          startOffset: 5,
          queueId: 2,
          reviveQueueId: 0,
          popTime: 9,
          invisibleTime: 1000,
          offsets: [5, 7],
        },
      ],
    });
    expect(BatchAckMessageRequestBody.decode(body).acks[0]?.offsets).toEqual([5, 7]);
    const long = JSON.stringify({
      brokerName: 'b',
      acks: [{ consumerGroup: 'G', topic: 'T', retry: '1', startOffset: 0, queueId: 0, popTime: 1, bitSet: encodeAckBits(0, [1]) }],
    });
    expect(BatchAckMessageRequestBody.decode(long).acks[0]).toMatchObject({ consumerGroup: 'G', retry: '1', offsets: [1] });
  });
});
