import { describe, expect, it } from 'vitest';

import { readJson } from '../json/json-reader';
import { BodyError } from './body-error';
import { BodyReader } from './body-fields';
import { HeartbeatData } from './heartbeat-data';

// What fastjson forgives when it binds a body to a Java bean, and clients rely on
// (docs/remoting-protocol.md#lenient-bodies).
const read = (json: string): BodyReader => BodyReader.of('Test', readJson(json));

describe('Protocol > bodies > lenient field readers', () => {
  it('gives numbers and booleans their Java default for missing, null, "" and "null"', () => {
    const fields = read(`{"a":null,"b":"","c":"null","d":"NULL"}`);
    for (const key of ['a', 'b', 'c', 'd', 'absent']) {
      expect([
        fields.integer(key, 7),
        fields.long(key, 8),
        fields.exactLong(key, 9n),
        fields.boolean(key, true),
        fields.optionalInteger(key),
      ]).toEqual([7, 8, 9n, true, undefined]);
    }
  });

  it('reads numbers from numeric strings and truncates fractions, as a cast to int does', () => {
    const fields = read(`{"a":"42","b":-3.9,"c":"-17","d":1e3}`);
    expect([fields.integer('a'), fields.integer('b'), fields.long('c'), fields.exactLong('d')]).toEqual([42, -3, -17, 1000n]);
  });

  it('reads booleans the way fastjson casts them', () => {
    const cases: ReadonlyArray<readonly [string, boolean]> = [
      ['true', true],
      ['"TRUE"', true],
      ['"1"', true],
      ['"y"', true],
      ['"Y"', true],
      ['"T"', true],
      ['1', true],
      ['false', false],
      ['"False"', false],
      ['"0"', false],
      ['"f"', false],
      ['"F"', false],
      ['"N"', false],
      ['0', false],
      ['2', false],
    ];
    for (const [literal, value] of cases) expect([literal, read(`{"b":${literal}}`).boolean('b')]).toEqual([literal, value]);
    expect(() => read(`{"b":"maybe"}`).boolean('b')).toThrow(BodyError);
  });

  it('reads strings given as numbers or booleans, in lists too', () => {
    const fields = read(`{"s":12,"t":true,"list":["a",3,false]}`);
    expect([fields.string('s'), fields.string('t'), fields.stringArray('list')]).toEqual(['12', 'true', ['a', '3', 'false']]);
  });

  it('still refuses a value of the wrong shape, naming path and value', () => {
    expect(() => read(`{"n":{"x":1}}`).long('n')).toThrow('Test $.n: expected a long, got an object');
    expect(() => read(`{"n":[1]}`).integer('n')).toThrow('Test $.n: expected an integer, got an array');
  });

  it('reads a GO-style heartbeat: quoted tag hashes, nanosecond subVersion, no expressionType, unknown fields', () => {
    const data = HeartbeatData.decode(
      `{"clientID":"10.0.0.5@1234","consumerDataSet":[{"groupName":"G","consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","futureField":{"x":1},` +
        `"subscriptionDataSet":[{"topic":"T","subString":"a || b","tagsSet":["a","b"],"codeSet":["97","98"],"subVersion":1796644820944235133,"classFilterMode":"false"}]}],` +
        `"producerDataSet":[{"groupName":"P"}]}`,
    );
    expect(data.consumerDataSet[0]?.subscriptionDataSet[0]).toEqual({
      topic: 'T',
      subString: 'a || b',
      tagsSet: ['a', 'b'],
      codeSet: [97, 98],
      subVersion: 1796644820944235133n,
      expressionType: 'TAG',
      classFilterMode: false,
    });
  });

  it('refuses one malformed group of a heartbeat and keeps the others', () => {
    const { data, rejected } = HeartbeatData.decodeGroups(
      `{"clientID":"c","consumerDataSet":[{"groupName":"A"},{"groupName":"B","subscriptionDataSet":[{"topic":"T","subVersion":"abc"}]},{"groupName":"C"}],` +
        `"producerDataSet":[{"groupName":"P"},{"nogroup":1}]}`,
    );
    expect(data.consumerDataSet.map((group) => group.groupName)).toEqual(['A', 'C']);
    expect(data.producerDataSet.map((group) => group.groupName)).toEqual(['P']);
    expect(rejected.map((error) => error.path)).toEqual([
      '$.producerDataSet[1].groupName',
      '$.consumerDataSet[1].subscriptionDataSet[0].subVersion',
    ]);
    expect(() =>
      HeartbeatData.decode(
        `{"clientID":"c","consumerDataSet":[{"groupName":"A"},{"groupName":"B","subscriptionDataSet":[{"topic":"T","subVersion":"abc"}]}]}`,
      ),
    ).toThrow('HeartbeatData $.consumerDataSet[1].subscriptionDataSet[0].subVersion: expected a long, got the string "abc"');
  });
});
