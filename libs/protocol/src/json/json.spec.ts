import { describe, expect, it } from 'vitest';

import { ProtocolError } from '../command/protocol-error';
import { MAX_JSON_DEPTH, readJson } from './json-reader';
import { JsonEntries } from './json-value';
import { STANDARD_JSON, writeJson } from './json-writer';

const queue = { topic: 't', queueId: 0, brokerName: 'b' };

describe('Protocol > json > writer', () => {
  it('writes beans with sorted keys and without nulls', () => {
    expect(writeJson({ version: 479, code: 105, remark: null, extFields: undefined, flag: 0 })).toBe('{"code":105,"flag":0,"version":479}');
  });

  it('writes maps in insertion order with bare numeric keys', () => {
    expect(
      writeJson(
        new Map<number, string>([
          [1, 'b'],
          [0, 'a'],
        ]),
      ),
    ).toBe('{1:"b",0:"a"}');
    expect(
      writeJson(
        new Map([
          ['z', 1],
          ['a', null],
          ['m', 2],
        ]),
      ),
    ).toBe('{"z":1,"m":2}');
  });

  it('writes MessageQueue keys as embedded objects, fields alphabetical (docs/remoting-protocol.md#json-bodies)', () => {
    expect(writeJson({ offsetTable: new Map([[queue, 11110]]) })).toBe(
      '{"offsetTable":{{"brokerName":"b","queueId":0,"topic":"t"}:11110}}',
    );
  });

  it('writes standard JSON: quoted keys, sorted map keys, non-ASCII escaped', () => {
    expect(
      writeJson(
        new Map<number, string>([
          [10, 'x'],
          [2, 'é'],
        ]),
        STANDARD_JSON,
      ),
    ).toBe('{"2":"\\u00e9","10":"x"}');
  });

  it('escapes control characters, quotes and backslashes; keeps other text as UTF-8', () => {
    expect(writeJson(['a"b\\c\n\u0001', 'é日本🎉'])).toBe('["a\\"b\\\\c\\n\\u0001","é日本🎉"]');
  });

  it('writes arrays with nulls, bigints as digits, non-finite numbers as null', () => {
    expect(writeJson([null, undefined, 12345678901234567890n, Number.NaN, 1.5, -3])).toBe('[null,null,12345678901234567890,null,1.5,-3]');
  });
});

describe('Protocol > json > lenient reader', () => {
  it('reads bare numeric keys as their text, like quoted keys', () => {
    expect(readJson('{0:"10.0.0.1:10911",1:"10.0.0.2:10911"}')).toEqual({ 0: '10.0.0.1:10911', 1: '10.0.0.2:10911' });
    expect(readJson('{"t@g":{0:12,1:7}}')).toEqual({ 't@g': { 0: 12, 1: 7 } });
  });

  it('reads object keys into JsonEntries in wire order (GO test data of docs/remoting-protocol.md#json-bodies)', () => {
    const value = readJson('{"offsetTable":{{"brokerName":"RaftNode00","queueId":0,"topic":"topicB"}:11110}}');
    expect(value).toEqual({ offsetTable: new JsonEntries([[{ brokerName: 'RaftNode00', queueId: 0, topic: 'topicB' }, 11110]]) });
  });

  it('reads identifier keys, single quotes and whitespace', () => {
    expect(readJson(" { topic : 'T\\'s' , n : -1.5e2 , ok : true , no : null } ")).toEqual({ topic: "T's", n: -150, ok: true, no: null });
  });

  it('round-trips non-ASCII text and escapes, surrogate pairs included', () => {
    const text = 'é日本🎉\u2028"\\\u0000';
    expect(readJson(writeJson([text]))).toEqual([text]);
    expect(readJson(writeJson([text], STANDARD_JSON))).toEqual([text]);
    expect(readJson('"\\ud83c\\udf89"')).toBe('🎉');
  });

  it('keeps integers beyond 2^53 exact as bigint', () => {
    expect(readJson('[9007199254740993,-9223372036854775808,9007199254740991]')).toEqual([
      9007199254740993n,
      -9223372036854775808n,
      9007199254740991,
    ]);
  });

  it('makes __proto__ an own key, never the prototype', () => {
    const value = readJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    '',
    '{',
    '{"a"}',
    '{"a":}',
    '[1,]',
    '[1 2]',
    '"unterminated',
    '"\\x"',
    '"\\u12"',
    'tru',
    'nul',
    '01x',
    '{"a":1}}',
    '-',
    '{:1}',
    '@',
  ])('throws ProtocolError on %j', (text) => {
    expect(() => readJson(text)).toThrow(ProtocolError);
  });

  it('caps nesting depth with a ProtocolError instead of a stack overflow', () => {
    expect(() => readJson('['.repeat(MAX_JSON_DEPTH + 2))).toThrow(/nesting deeper/);
    expect(() => readJson('{'.repeat(100_000))).toThrow(ProtocolError);
    expect(readJson(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).toBeInstanceOf(Array);
  });
});
