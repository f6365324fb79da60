// Proves the record decoder's contract beyond the golden bytes: pull bodies are walked record by
// record, and any truncation or corruption of valid records, or plain garbage, surfaces only as
// MessageDecodeError carrying the failing record's offset (fast-check drives the bad inputs).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { BLANK_MAGIC_CODE, isEndOfFileMarker, writeEndOfFileMarkerInto } from './end-of-file-marker';
import { encodeMessageRecord, type MessageRecordFields, MessageRecordPosition } from './message-record';
import { decodeMessageRecord, decodeMessageRecords, iterateMessageRecords } from './message-record-decoder';
import { MessageDecodeError } from './model-errors';

function record(index: number, overrides: Partial<MessageRecordFields> = {}): Buffer {
  return encodeMessageRecord({
    queueId: 1,
    flag: 0,
    queueOffset: index,
    physicalOffset: index * 200,
    sysFlag: 0,
    bornTimestamp: 1_700_000_000_000,
    bornHost: { ip: Uint8Array.from([127, 0, 0, 1]), port: 50000 },
    storeTimestamp: 1_700_000_000_001,
    storeHost: { ip: Uint8Array.from([127, 0, 0, 1]), port: 10911 },
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
    body: Buffer.from(`body-${index}`),
    topic: 'TopicTest',
    properties: `UNIQ_KEY\u0001${index}\u0002`,
    ...overrides,
  });
}

function expectDecodeError(action: () => unknown, offset?: number): MessageDecodeError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(MessageDecodeError);
    if (offset !== undefined) expect((error as MessageDecodeError).offset).toBe(offset);
    return error as MessageDecodeError;
  }
  throw new Error('expected a MessageDecodeError');
}

describe('Model > message record > decoder', () => {
  it('walks a pull body of back-to-back records, V1 and V2 mixed', () => {
    const body = Buffer.concat([
      record(0),
      record(1, { version: 2 }),
      record(2, { bornHost: { ip: new Uint8Array(16).fill(1), port: 1 } }),
    ]);
    const walked = [...iterateMessageRecords(body)];
    expect(walked.map((each) => each.queueOffset)).toEqual([0, 1, 2]);
    expect(walked.map((each) => each.version)).toEqual([1, 2, 1]);
    expect(walked.map((each) => each.body.toString())).toEqual(['body-0', 'body-1', 'body-2']);
    expect(decodeMessageRecords(body)).toEqual(walked);
  });

  it('reads a record at an offset inside a larger buffer and honours the end bound', () => {
    const one = record(5);
    const buffer = Buffer.concat([Buffer.alloc(13), one, Buffer.alloc(7)]);
    expect(decodeMessageRecord(buffer, 13).queueOffset).toBe(5);
    expectDecodeError(() => decodeMessageRecord(buffer, 13, 13 + one.length - 1), 13);
  });

  it('yields the good records before the first bad one, then names its offset', () => {
    const good = record(0);
    const body = Buffer.concat([good, record(1).subarray(0, 50)]);
    const seen: number[] = [];
    expectDecodeError(() => {
      for (const each of iterateMessageRecords(body)) seen.push(each.queueOffset);
    }, good.length);
    expect(seen).toEqual([0]);
  });

  it('rejects the BLANK end-of-file marker, which only the commit log may contain', () => {
    const segmentTail = Buffer.alloc(64);
    writeEndOfFileMarkerInto(segmentTail, 0, 64);
    expect(isEndOfFileMarker(segmentTail, 0)).toBe(true);
    expect(segmentTail.readInt32BE(4)).toBe(BLANK_MAGIC_CODE);
    expect(segmentTail.readUInt32BE(4)).toBe(0xcbd43194);
    expect(isEndOfFileMarker(record(0), 0)).toBe(false);
    expect(isEndOfFileMarker(segmentTail, 60)).toBe(false);
    expect(expectDecodeError(() => decodeMessageRecord(segmentTail)).reason).toMatch(/BLANK/);
  });

  it('checks the body CRC only when asked to', () => {
    const corrupt = record(0);
    corrupt.writeInt32BE(1, MessageRecordPosition.BODY_CRC);
    expect(decodeMessageRecord(corrupt).bodyCrc).toBe(1);
    expect(expectDecodeError(() => decodeMessageRecord(corrupt, 0, corrupt.length, { verifyBodyCrc: true })).reason).toMatch(/CRC/);
    expect(decodeMessageRecord(record(0), 0, undefined, { verifyBodyCrc: true }).queueOffset).toBe(0);
  });

  it.each([
    ['an unknown magic code', (bytes: Buffer) => bytes.writeInt32BE(0x12345678, 4), /magic/],
    ['a total size below the minimum', (bytes: Buffer) => bytes.writeInt32BE(90, 0), /minimum/],
    ['a negative body length', (bytes: Buffer) => bytes.writeInt32BE(-1, 84), /body length/],
    ['a negative V1 topic length', (bytes: Buffer) => bytes.writeInt8(-1, 88 + 6), /topic length/],
    ['a properties length short of the total size', (bytes: Buffer) => bytes.writeInt16BE(1, 88 + 6 + 1 + 9), /properties length/],
    ['IPv6 flags the total size cannot hold', (bytes: Buffer) => bytes.writeInt32BE(0x30, 36), /./],
    ['a queue offset beyond 2^53', (bytes: Buffer) => bytes.writeInt32BE(0x7fffffff, 20), /queueOffset/],
  ])('rejects %s', (_name, corrupt, reason) => {
    const bytes = record(0);
    corrupt(bytes);
    expect(expectDecodeError(() => decodeMessageRecord(bytes), 0).reason).toMatch(reason);
  });

  it('turns every truncation of a valid record into MessageDecodeError', () => {
    const whole = Buffer.concat([record(0), record(1, { version: 2, storeHost: { ip: new Uint8Array(16), port: 9 } })]);
    // Lengths 0 and one whole record are clean boundaries, i.e. valid bodies.
    for (let length = 1; length < whole.length; length++) {
      const cut = whole.subarray(0, length);
      if (length === record(0).length) continue;
      expectDecodeError(() => decodeMessageRecords(cut));
    }
  });

  it('meets random garbage, and random corruption of valid records, with MessageDecodeError or a record', () => {
    const valid = Buffer.concat([record(0), record(1, { version: 2 })]);
    const decodeOrTypedError = (bytes: Buffer): void => {
      try {
        decodeMessageRecords(bytes, { verifyBodyCrc: true });
      } catch (error) {
        expect(error).toBeInstanceOf(MessageDecodeError);
      }
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (garbage) => decodeOrTypedError(Buffer.from(garbage))),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        (edits) => {
          const bytes = Buffer.from(valid);
          for (const [position, value] of edits) bytes[position] = value;
          decodeOrTypedError(bytes);
        },
      ),
      { numRuns: 500 },
    );
  });
});
