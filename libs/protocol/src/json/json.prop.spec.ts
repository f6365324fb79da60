import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { ProtocolError } from '../command/protocol-error';
import { readJson } from './json-reader';
import { JsonEntries, type JsonValue } from './json-value';
import { STANDARD_JSON, writeJson } from './json-writer';

const RUN = { seed: 20261121, numRuns: 300 } as const;

// The writer's domain: objects hold no null values (fastjson drops them), integer-valued
// numbers are safe integers (bigger ones are bigint), and -0 is not a JSON value.
const scalar: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  fc
    .bigInt({ min: -(2n ** 70n), max: 2n ** 70n })
    .filter((n) => n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER)),
  fc.string({ unit: 'binary' }),
);

const { value: jsonValue } = fc.letrec<{ value: JsonValue; object: JsonValue; entries: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    tie('object'),
    tie('entries'),
  ),
  object: fc.dictionary(
    fc.string({ unit: 'binary', maxLength: 8 }),
    tie('value').filter((v) => v !== null),
    { maxKeys: 4 },
  ),
  // Object keys (MessageQueue-like) plus plain string keys; scalar keys read back as strings.
  entries: fc
    .array(
      fc.tuple(
        fc.oneof(tie('object'), fc.string({ maxLength: 6 })),
        tie('value').filter((v) => v !== null),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .filter((pairs) => pairs.some(([key]) => typeof key === 'object'))
    .filter((pairs) => {
      const stringKeys = pairs.map(([key]) => key).filter((key) => typeof key === 'string');
      return new Set(stringKeys).size === stringKeys.length; // map keys are unique
    })
    .map((pairs) => new JsonEntries(pairs)),
}));

const noEntries = jsonValue.filter(
  (value) => !JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? 0 : v instanceof JsonEntries ? 'E' : v)).includes('"E"'),
);

describe('Protocol > json > properties', () => {
  it('readJson(writeJson(x)) = x over fastjson-shaped values', () => {
    fc.assert(
      fc.property(jsonValue, (value) => void expect(readJson(writeJson(value))).toEqual(value)),
      RUN,
    );
  });

  it('standard JSON reads back to the same value and is pure ASCII', () => {
    fc.assert(
      fc.property(noEntries, (value) => {
        const text = writeJson(value, STANDARD_JSON);
        expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
        expect(readJson(text)).toEqual(value);
      }),
      RUN,
    );
  });

  it('reads what JSON.stringify writes, as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.json(), (text) => void expect(readJson(text)).toEqual(JSON.parse(text))),
      RUN,
    );
  });

  it('throws nothing but ProtocolError on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.json().map((text) => text.slice(0, -1)),
        ),
        (text) => {
          try {
            readJson(text);
          } catch (error) {
            expect(error).toBeInstanceOf(ProtocolError);
          }
        },
      ),
      { ...RUN, numRuns: 2000 },
    );
  });
});
