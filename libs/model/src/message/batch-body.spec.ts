// Proves the SEND_BATCH_MESSAGE body codec of docs/remoting-protocol.md#message-records against bytes built from its table, by round
// trip (fast-check), and that truncated or garbage bodies fail only with MessageDecodeError.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { type BatchMessage, decodeBatchBody, encodeBatchBody } from './batch-body';
import { MessageDecodeError, MessageEncodeError } from './model-errors';

const int16 = (value: number): number[] => [(value >> 8) & 0xff, value & 0xff];
const int32 = (value: number): number[] => [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];

describe('Model > batch body', () => {
  it('matches the table: size, zero magic, zero CRC, flag, body, properties', () => {
    const properties = 'UNIQ_KEY\u0001A1\u0002';
    const expected = Buffer.from([
      ...int32(22 + 2 + properties.length),
      ...int32(0),
      ...int32(0),
      ...int32(9),
      ...int32(2),
      ...Buffer.from('hi'),
      ...int16(properties.length),
      ...Buffer.from(properties),
      ...int32(22),
      ...int32(0),
      ...int32(0),
      ...int32(-1),
      ...int32(0),
      ...int16(0),
    ]);
    const encoded = encodeBatchBody([
      { flag: 9, body: Buffer.from('hi'), properties },
      { flag: -1, body: new Uint8Array(0), properties: '' },
    ]);
    expect(encoded.toString('hex')).toBe(expected.toString('hex'));
    const decoded = decodeBatchBody(expected);
    expect(decoded.map((message) => [message.offset, message.flag, message.body.toString(), message.properties.toString()])).toEqual([
      [0, 9, 'hi', properties],
      [24 + properties.length, -1, '', ''],
    ]);
    expect(decoded[0]?.body.buffer).toBe(expected.buffer);
  });

  it('decode(encode(x)) = x', () => {
    const message: fc.Arbitrary<BatchMessage> = fc.record({
      flag: fc.integer(),
      body: fc.uint8Array({ maxLength: 200 }),
      properties: fc.string({ unit: 'binary', maxLength: 80 }),
    });
    fc.assert(
      fc.property(fc.array(message, { maxLength: 8 }), (messages) => {
        const decoded = decodeBatchBody(encodeBatchBody(messages));
        expect(decoded.map(({ flag, body, properties }) => ({ flag, body: [...body], properties: properties.toString('utf8') }))).toEqual(
          messages.map(({ flag, body, properties }) => ({ flag, body: [...body], properties })),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('fails truncated and garbage bodies only with MessageDecodeError', () => {
    const whole = encodeBatchBody([{ flag: 1, body: Buffer.from('abc'), properties: 'a\u0001b\u0002' }]);
    for (let length = 1; length < whole.length; length++) {
      expect(() => decodeBatchBody(whole.subarray(0, length))).toThrow(MessageDecodeError);
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (garbage) => {
        try {
          decodeBatchBody(Buffer.from(garbage));
        } catch (error) {
          expect(error).toBeInstanceOf(MessageDecodeError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses properties over 32767 bytes', () => {
    expect(() => encodeBatchBody([{ flag: 0, body: new Uint8Array(0), properties: 'x'.repeat(32768) }])).toThrow(MessageEncodeError);
  });
});
