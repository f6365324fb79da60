import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { encodeMessageProperties, parseMessageProperties } from './message-properties';
import { encodeMessageRecord, type MessageRecordFields } from './message-record';
import { findRecordProperty, recordPropertiesStart, recordPropertyNeedle } from './record-properties';

const host = { ip: Buffer.from([127, 0, 0, 1]), port: 10911 };

function record(properties: string, topic = 'T', body = 'hello'): Buffer {
  const fields: MessageRecordFields = {
    queueId: 0,
    flag: 0,
    queueOffset: 0,
    physicalOffset: 0,
    sysFlag: 0,
    bornTimestamp: 1,
    bornHost: host,
    storeTimestamp: 2,
    storeHost: host,
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
    body: Buffer.from(body),
    topic,
    properties,
  };
  return encodeMessageRecord(fields);
}

describe('record properties read in place', () => {
  it('finds each property of a record as parseMessageProperties does', () => {
    const name = fc.constantFrom('a', 'b', 'TAGS', 'ключ');
    fc.assert(
      fc.property(
        fc.dictionary(
          name,
          fc.string({ unit: 'grapheme' }).map((v) => v.replaceAll('\u0001', '').replaceAll('\u0002', '')),
        ),
        fc.string({ maxLength: 300 }),
        (properties, topic) => {
          const text = encodeMessageProperties(properties);
          const bytes = record(text, topic.length === 0 ? 'T' : topic.replace(/[^A-Za-z0-9]/g, 'x'));
          const start = recordPropertiesStart(bytes);
          expect(start).toBeGreaterThan(0);
          const expected = parseMessageProperties(text);
          for (const key of ['a', 'b', 'TAGS', 'ключ', 'missing']) {
            expect(findRecordProperty(bytes, start, bytes.length, recordPropertyNeedle(key))).toBe(expected.get(key));
          }
        },
      ),
    );
  });

  it('does not take a name that only ends like the one asked for', () => {
    const bytes = record('xa\u0001no\u0002a\u0001yes\u0002');
    expect(findRecordProperty(bytes, recordPropertiesStart(bytes), bytes.length, recordPropertyNeedle('a'))).toBe('yes');
  });

  it('refuses a record whose lengths do not add up', () => {
    const bytes = record('a\u00011\u0002');
    expect(recordPropertiesStart(bytes.subarray(0, bytes.length - 1))).toBe(-1);
  });
});
