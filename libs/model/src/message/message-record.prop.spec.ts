// Property: for any representable record (V1/V2, IPv4/IPv6 hosts, any Unicode topic and
// properties, full int32 and safe int64 ranges), decode(encode(x)) gives x back, whether encoded
// alone or into a shared buffer at an arbitrary offset.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { encodeMessageRecord, encodeMessageRecordInto, type MessageRecordFields, messageRecordSize } from './message-record';
import { decodeMessageRecord } from './message-record-decoder';
import { MessageSysFlag } from './message-sys-flag';

const host = fc.record({
  ip: fc.oneof(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.uint8Array({ minLength: 16, maxLength: 16 })),
  port: fc.integer({ min: 0, max: 0xffff }),
});

const recordFields: fc.Arbitrary<MessageRecordFields> = fc
  .record({
    version: fc.constantFrom(1 as const, 2 as const),
    queueId: fc.integer(),
    flag: fc.integer(),
    queueOffset: fc.maxSafeInteger(),
    physicalOffset: fc.maxSafeNat(),
    sysFlag: fc.integer(),
    bornTimestamp: fc.maxSafeInteger(),
    bornHost: host,
    storeTimestamp: fc.maxSafeInteger(),
    storeHost: host,
    reconsumeTimes: fc.integer(),
    preparedTransactionOffset: fc.maxSafeInteger(),
    body: fc.uint8Array({ maxLength: 300 }),
    topic: fc.string({ unit: 'binary', maxLength: 60 }),
    properties: fc.string({ unit: 'binary', maxLength: 120 }),
  })
  .filter((fields) => fields.version === 2 || Buffer.byteLength(fields.topic) <= 127);

function expectSameRecord(decoded: ReturnType<typeof decodeMessageRecord>, fields: MessageRecordFields): void {
  const hostFlags =
    (fields.bornHost.ip.length === 16 ? MessageSysFlag.BORNHOST_V6 : 0) |
    (fields.storeHost.ip.length === 16 ? MessageSysFlag.STOREHOST_V6 : 0);
  expect({
    ...decoded,
    body: Buffer.from(decoded.body),
    properties: decoded.properties.toString('utf8'),
    bornHost: { ip: Buffer.from(decoded.bornHost.ip), port: decoded.bornHost.port },
    storeHost: { ip: Buffer.from(decoded.storeHost.ip), port: decoded.storeHost.port },
  }).toEqual({
    ...fields,
    totalSize: messageRecordSize(fields),
    bodyCrc: expect.any(Number) as number,
    sysFlag: (fields.sysFlag & ~0x30) | hostFlags,
    body: Buffer.from(fields.body),
    bornHost: { ip: Buffer.from(fields.bornHost.ip), port: fields.bornHost.port },
    storeHost: { ip: Buffer.from(fields.storeHost.ip), port: fields.storeHost.port },
  });
}

describe('Model > message record > round trip', () => {
  it('decode(encode(x)) = x', () => {
    fc.assert(
      fc.property(recordFields, (fields) => {
        expectSameRecord(decodeMessageRecord(encodeMessageRecord(fields), 0, undefined, { verifyBodyCrc: true }), fields);
      }),
      { numRuns: 300 },
    );
  });

  it('decode(encodeInto(buffer, offset, x), offset) = x, and a decoded record re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(recordFields, fc.nat(64), (fields, offset) => {
        const target = Buffer.alloc(offset + messageRecordSize(fields));
        encodeMessageRecordInto(target, offset, fields);
        const decoded = decodeMessageRecord(target, offset);
        expectSameRecord(decoded, fields);
        expect(encodeMessageRecord(decoded).equals(target.subarray(offset))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
