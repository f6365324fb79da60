import { describe, expect, it } from 'vitest';

import { compileSql92, FilterEvaluationError, FilterParseError, Sql92FilterCache } from './index';

const props = (values: Record<string, string>) => ({ get: (name: string) => values[name] });
const evaluate = (expression: string, values: Record<string, string> = {}) => compileSql92(expression).evaluate(props(values));
const parseError = (expression: string): FilterParseError => {
  try {
    compileSql92(expression);
  } catch (error) {
    if (error instanceof FilterParseError) return error;
    throw error;
  }
  throw new Error(`${expression} compiled`);
};

describe('SQL92 filter > the issue example', () => {
  const filter = compileSql92("a > 5 AND b IN ('x','y')");

  it.each([
    [{ a: '6', b: 'x' }, true],
    [{ a: '10', b: 'y' }, true],
    [{ a: '5', b: 'x' }, false],
    [{ a: '6', b: 'z' }, false],
    [{ a: '6' }, null],
    [{ b: 'x' }, null],
    [{ a: '2', TAGS: 'x' }, false],
  ])('%j -> %s', (values, expected) => {
    expect(filter.evaluate(props(values))).toBe(expected);
    expect(filter.matches(props(values))).toBe(expected === true);
  });

  it('lists the properties it reads', () => {
    expect(filter.properties).toEqual(['a', 'b']);
  });
});

describe('SQL92 filter > literals and types', () => {
  it('reads TAGS like any property', () => {
    expect(evaluate("TAGS = 'TagA'", { TAGS: 'TagA' })).toBe(true);
    expect(evaluate("TAGS IN ('TagA', 'TagB')", { TAGS: 'TagC' })).toBe(false);
  });

  it('converts a property to the type of the number it is compared with', () => {
    expect(evaluate('a = 5', { a: '05' })).toBe(true);
    expect(evaluate('a > 5.5', { a: '6' })).toBe(true);
    // A literal that fits an int is an Integer (5L too): the property must then fit an int.
    expect(evaluate('a > 2147483648', { a: '9223372036854775807' })).toBe(true);
    expect(() => evaluate('a > 5L', { a: '9223372036854775807' })).toThrow(FilterEvaluationError);
    expect(evaluate('a = 9007199254740993', { a: '9007199254740993' })).toBe(true);
    expect(evaluate('a = 9007199254740993', { a: '9007199254740992' })).toBe(false);
    expect(evaluate('a < 2.5e1', { a: '1.5f' })).toBe(true);
  });

  it('fails the comparison (no match) when the property does not read as that type', () => {
    expect(() => evaluate('a > 5', { a: 'abc' })).toThrow(FilterEvaluationError);
    expect(() => evaluate('a > 5', { a: '7.5' })).toThrow(FilterEvaluationError);
    expect(() => evaluate('a = 5', { a: '2147483648' })).toThrow(FilterEvaluationError);
    expect(compileSql92('a > 5').matches(props({ a: 'abc' }))).toBe(false);
  });

  it('compares two properties as doubles, and only if both are numbers', () => {
    expect(evaluate('a > b', { a: '10', b: '9' })).toBe(true);
    expect(() => evaluate('a > b', { a: 'x', b: '9' })).toThrow(FilterEvaluationError);
    expect(evaluate('a = b', { a: 'x', b: 'x' })).toBe(true);
  });

  it('compares a property with TRUE/FALSE by its text', () => {
    expect(evaluate('a = TRUE', { a: 'TrUe' })).toBe(true);
    expect(evaluate('a = FALSE', { a: 'yes' })).toBe(true);
  });

  it('decodes doubled quotes in strings', () => {
    expect(evaluate("a = 'it''s'", { a: "it's" })).toBe(true);
  });

  it('negates numbers only', () => {
    expect(evaluate('a > -5', { a: '-4' })).toBe(true);
    expect(evaluate('a = -(-5)', { a: '5' })).toBe(true);
    // -'x' is NULL, and a value compared with a NULL right side is FALSE.
    expect(evaluate("a = -'x'", { a: 'x' })).toBe(false);
    expect(evaluate("-'x' = a", { a: 'x' })).toBe(null);
  });
});

describe('SQL92 filter > NULL', () => {
  it('is unknown in comparisons, known in IS [NOT] NULL', () => {
    expect(evaluate('a > 1')).toBe(null);
    expect(evaluate('a IS NULL')).toBe(true);
    expect(evaluate('a IS NOT NULL', { a: '1' })).toBe(true);
    expect(evaluate('NOT (a > 1)')).toBe(null);
  });

  it("keeps RocketMQ's asymmetric equality: NULL on the right is FALSE, two NULLs are equal", () => {
    expect(evaluate('a = 1')).toBe(null);
    expect(evaluate('1 = a')).toBe(false);
    expect(evaluate('a = b')).toBe(true);
  });

  it('uses three-valued AND / OR', () => {
    expect(evaluate('a > 1 AND FALSE')).toBe(false);
    expect(evaluate('a > 1 AND TRUE')).toBe(null);
    expect(evaluate('a > 1 OR TRUE')).toBe(true);
    expect(evaluate('a > 1 OR FALSE')).toBe(null);
  });

  it('makes string matches FALSE, not NULL, on a missing property', () => {
    expect(evaluate("a CONTAINS 'x'")).toBe(false);
    expect(evaluate("a NOT CONTAINS 'x'")).toBe(false);
    expect(evaluate("a STARTSWITH 'ab'", { a: 'abc' })).toBe(true);
    expect(evaluate("a NOT ENDSWITH 'bc'", { a: 'abc' })).toBe(false);
    expect(evaluate("a CONTAINS ''", { a: 'abc' })).toBe(false);
  });
});

describe('SQL92 filter > BETWEEN, IN, precedence', () => {
  it('includes both BETWEEN bounds, and NOT BETWEEN excludes them', () => {
    expect([4, 5, 7, 8].map((n) => evaluate('a BETWEEN 5 AND 7', { a: String(n) }))).toEqual([false, true, true, false]);
    expect([4, 5, 7, 8].map((n) => evaluate('a NOT BETWEEN 5 AND 7', { a: String(n) }))).toEqual([true, false, false, true]);
  });

  it('binds AND tighter than OR, and keywords in any case', () => {
    expect(evaluate('a = 1 or a = 2 and b = 3', { a: '1', b: '0' })).toBe(true);
    expect(evaluate('(a = 1 OR a = 2) AND b = 3', { a: '1', b: '0' })).toBe(false);
  });

  it('skips comments and blanks', () => {
    expect(evaluate('/* c */ a\t=\n1 -- c\n', { a: '1' })).toBe(true);
  });

  it('ignores text after a complete expression, as RocketMQ does, and says where it starts', () => {
    const filter = compileSql92('a = 1 b = 2');
    expect(filter.ignoredTail).toEqual({ position: { offset: 6, line: 1, column: 7 }, text: 'b = 2' });
    expect(filter.evaluate(props({ a: '1' }))).toBe(true);
    expect(compileSql92('a = 1').ignoredTail).toBeUndefined();
  });
});

describe('SQL92 filter > errors carry the position', () => {
  it.each([
    ['', 1, 1, 'end of the expression'],
    ['a >', 1, 4, 'end of the expression'],
    ['a > 5 AND b IN (x)', 1, 17, 'string literal'],
    ["a = 'open", 1, 5, 'unterminated string'],
    ['a = 1 AND # = 2', 1, 11, 'unexpected character'],
    ["a > 'x'", 1, 5, 'cannot be compared'],
    ['a = NULL', 1, 5, 'IS [NOT] NULL'],
    ['a BETWEEN 7 AND 5', 1, 11, 'greater than the high bound'],
    ["5 IN ('x')", 1, 1, 'IN needs a property'],
    ['NOT a > 1', 1, 1, 'cannot be compared'],
    ['a > 0.0', 1, 5, 'smallest positive double'],
    ['a > 9223372036854775808', 1, 5, 'long range'],
    ['5', 1, 1, 'not a boolean expression'],
    ['a = 1 AND\n  b >', 2, 6, 'end of the expression'],
    ['a NOT b', 1, 3, 'NOT after a value'],
  ])('%j fails at line %i, column %i', (expression, line, column, reason) => {
    const error = parseError(expression);
    expect(error.position).toMatchObject({ line, column });
    expect(error.message).toContain(reason);
    expect(error.message).toMatch(new RegExp(`at line ${line}, column ${column}$`));
  });
});

describe('SQL92 filter > cache', () => {
  it('compiles each text once, failures included, and drops the least recently used', () => {
    const cache = new Sql92FilterCache(2);
    const first = cache.compile('a = 1');
    expect(cache.compile('a = 1')).toBe(first);
    const broken = cache.compile('a >');
    expect(broken.ok).toBe(false);
    expect(cache.compile('a >')).toBe(broken);
    cache.compile('a = 1');
    cache.compile('b = 2');
    expect(cache.size).toBe(2);
    expect(cache.compile('a = 1')).toBe(first);
    expect(cache.compile('a >')).not.toBe(broken);
  });
});
