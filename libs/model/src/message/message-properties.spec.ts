// Proves the properties codec of docs/remoting-protocol.md#message-records matches Java's writer and parser, including the lenient
// cases (empty names or values dropped, no final separator, ali-ons' literal `null` tag), and
// that parse(encode(x)) = x for every map the wire can carry (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { MessageConst } from './message-const';
import { encodeMessageProperties, findMessageProperty, parseMessageProperties } from './message-properties';
import { MessageEncodeError } from './model-errors';

describe('Model > message properties', () => {
  it('writes name U+0001 value U+0002 for every pair, the last one included', () => {
    const text = encodeMessageProperties(
      new Map([
        [MessageConst.PROPERTY_TAGS, 'TagA'],
        [MessageConst.PROPERTY_KEYS, 'k1 k2'],
      ]),
    );
    expect(text).toBe('TAGS\u0001TagA\u0002KEYS\u0001k1 k2\u0002');
    expect(encodeMessageProperties({})).toBe('');
    expect(encodeMessageProperties({ WAIT: 'true', DELAY: undefined })).toBe('WAIT\u0001true\u0002');
  });

  it('parses as Java does: drops empty names and values, keeps U+0001 inside values, last duplicate wins', () => {
    const parsed = parseMessageProperties('a\u00011\u0002\u0001novalue\u0002b\u0001\u0002c\u0001x\u0001y\u0002a\u00012\u0002\u0002');
    expect([...parsed]).toEqual([
      ['a', '2'],
      ['c', 'x\u0001y'],
    ]);
  });

  it("accepts ali-ons' forms: no final separator, and TAGS=null kept as the text null", () => {
    const parsed = parseMessageProperties('TAGS\u0001null\u0002KEYS\u0001order-1');
    expect(parsed.get('TAGS')).toBe('null');
    expect(parsed.get('KEYS')).toBe('order-1');
  });

  it('parses UTF-8 bytes as well as text', () => {
    expect(parseMessageProperties(Buffer.from('标签\u0001值\u0002')).get('标签')).toBe('值');
  });

  it('finds one property without building the map, with the parser`s rules', () => {
    const text = 'TAGS\u0001A\u0002UNIQ_KEY\u0001ABC\u0002TAGS\u0001B\u0002KEYS\u0001\u0002';
    expect(findMessageProperty(text, 'TAGS')).toBe('B');
    expect(findMessageProperty(text, 'UNIQ_KEY')).toBe('ABC');
    expect(findMessageProperty(text, 'KEYS')).toBeUndefined();
    expect(findMessageProperty(text, 'TAG')).toBeUndefined();
    expect(findMessageProperty('\u0001v\u0002', '')).toBeUndefined();
  });

  it('refuses separators that would turn one property into others', () => {
    expect(() => encodeMessageProperties({ 'a\u0001b': 'v' })).toThrow(MessageEncodeError);
    expect(() => encodeMessageProperties({ a: 'v\u0002w' })).toThrow(MessageEncodeError);
    expect(encodeMessageProperties({ a: 'v\u0001w' })).toBe('a\u0001v\u0001w\u0002');
  });

  it('parse(encode(x)) = x for non-empty names without separators and non-empty values without U+0002', () => {
    const name = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 20 })
      .filter((text) => !text.includes('\u0001') && !text.includes('\u0002'));
    const value = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((text) => !text.includes('\u0002'));
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(name, value), { selector: ([key]) => key, maxLength: 12 }), (pairs) => {
        const properties = new Map(pairs);
        const text = encodeMessageProperties(properties);
        expect(parseMessageProperties(text)).toEqual(properties);
        expect(parseMessageProperties(Buffer.from(text))).toEqual(properties);
        for (const [key, expected] of properties) expect(findMessageProperty(text, key)).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });
});
