/**
 * Random SQL92 selector texts and property sets for property-based and differential specs of the
 * filter (libs/filter and the RocketMQ reference run in broker-e2e). The texts mix valid and
 * invalid expressions on purpose: type clashes the parser must refuse, NULL rules, numbers that a
 * property holds in many spellings, keywords in any case, comments and trailing text.
 */
import fc from 'fast-check';

export const SQL92_PROPERTY_NAMES = ['a', 'b', 'c', 'TAGS'] as const;

/** Property values chosen to hit every conversion: ints, longs, doubles, booleans, junk, blanks. */
export const SQL92_PROPERTY_VALUES = [
  '5',
  '7',
  '-3',
  '0',
  '+4',
  '05',
  ' 6',
  '2147483648',
  '9223372036854775807',
  '9223372036854775808',
  '9007199254740993',
  '7.5',
  '1e3',
  '1.5f',
  '.5',
  'NaN',
  '-Infinity',
  '0x1p3',
  'x',
  'y',
  'abc',
  'true',
  'TRUE',
  'false',
  '',
  "it's",
] as const;

const keyword = (word: string): fc.Arbitrary<string> => fc.constantFrom(word, word.toLowerCase(), word[0] + word.slice(1).toLowerCase());

const stringLiteral = fc.constantFrom("'x'", "'y'", "'abc'", "'5'", "'7.5'", "'true'", "''", "'it''s'", "'a'");
const numberLiteral = fc.constantFrom(
  '5',
  '0',
  '7',
  '2147483647',
  '2147483648',
  '9007199254740993',
  '9223372036854775807',
  '5L',
  '5.0',
  '7.5',
  '.5',
  '5.',
  '1E3',
  '2.5e-1',
  '0.0',
  '1e400',
  '9223372036854775808',
);
const booleanLiteral = fc.oneof(keyword('TRUE'), keyword('FALSE'), keyword('NULL'));
const property = fc.constantFrom<string>(...SQL92_PROPERTY_NAMES);

/** A selector text, valid or not, of bounded depth. */
export function sql92Expression(maxDepth = 4): fc.Arbitrary<string> {
  const { expr } = fc.letrec<{ expr: string; value: string; predicate: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      property,
      property,
      numberLiteral,
      stringLiteral,
      booleanLiteral,
      tie('value').map((v) => `-${v}`),
      tie('value').map((v) => `(${v})`),
      tie('predicate'),
    ),
    predicate: fc.oneof(
      { depthSize: 'small', maxDepth, withCrossShrink: true },
      fc.tuple(tie('value'), fc.constantFrom('=', '<>', '>', '>=', '<', '<='), tie('value')).map(([l, op, r]) => `${l} ${op} ${r}`),
      fc
        .tuple(tie('value'), fc.boolean(), tie('value'), tie('value'))
        .map(([v, not, lo, hi]) => `${v} ${not ? 'NOT ' : ''}BETWEEN ${lo} AND ${hi}`),
      fc
        .tuple(tie('value'), fc.boolean(), fc.array(stringLiteral, { minLength: 1, maxLength: 6 }))
        .map(([v, not, list]) => `${v} ${not ? 'NOT ' : ''}IN (${list.join(', ')})`),
      fc.tuple(tie('value'), fc.boolean()).map(([v, not]) => `${v} IS ${not ? 'NOT ' : ''}NULL`),
      fc
        .tuple(tie('value'), fc.boolean(), fc.constantFrom('CONTAINS', 'STARTSWITH', 'ENDSWITH'), stringLiteral)
        .map(([v, not, op, s]) => `${v} ${not ? 'NOT ' : ''}${op} ${s}`),
      tie('value').map((v) => `NOT ${v}`),
      fc.tuple(tie('predicate'), keyword('AND'), tie('predicate')).map(([l, op, r]) => `${l} ${op} ${r}`),
      fc.tuple(tie('predicate'), keyword('OR'), tie('predicate')).map(([l, op, r]) => `${l} ${op} ${r}`),
      tie('predicate').map((p) => `(${p})`),
    ),
    expr: fc.oneof(tie('predicate'), tie('predicate'), tie('predicate'), tie('value')),
  }));
  const noise = fc.constantFrom('', '', '', '', ' /* note */', ' -- note\n', ' junk', ' )', ' #', '\t');
  return fc.tuple(expr, noise).map(([text, tail]) => text + tail);
}

/** A message's properties: some of SQL92_PROPERTY_NAMES, each with one of SQL92_PROPERTY_VALUES. */
export function sql92Properties(): fc.Arbitrary<Record<string, string>> {
  return fc.dictionary(fc.constantFrom<string>(...SQL92_PROPERTY_NAMES), fc.constantFrom<string>(...SQL92_PROPERTY_VALUES), { maxKeys: 4 });
}
