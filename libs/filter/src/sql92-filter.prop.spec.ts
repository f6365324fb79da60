import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { sql92Expression, sql92Properties } from '@rocketmq-ts/testing';

import { compileSql92, FilterEvaluationError, FilterParseError } from './index';

const lookup = (values: Record<string, string>) => ({ get: (name: string) => values[name] });

function outcome(expression: string, values: Record<string, string>): boolean | null | 'error' {
  try {
    return compileSql92(expression).evaluate(lookup(values));
  } catch (error) {
    if (error instanceof FilterEvaluationError) return 'error';
    throw error;
  }
}

function compiles(expression: string): boolean {
  try {
    compileSql92(expression);
    return true;
  } catch (error) {
    if (error instanceof FilterParseError) return false;
    throw error;
  }
}

describe('SQL92 filter > properties', () => {
  it('either compiles or fails with a FilterParseError whose position is inside the text', () => {
    fc.assert(
      fc.property(sql92Expression(), (expression) => {
        try {
          compileSql92(expression);
        } catch (error) {
          expect(error).toBeInstanceOf(FilterParseError);
          const { offset, line, column } = (error as FilterParseError).position;
          expect(offset).toBeGreaterThanOrEqual(0);
          expect(offset).toBeLessThanOrEqual(expression.length);
          expect(line).toBeGreaterThanOrEqual(1);
          expect(column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('evaluates to TRUE, FALSE, NULL or a FilterEvaluationError, and matches only on TRUE', () => {
    const compiled = sql92Expression().filter(compiles);
    fc.assert(
      fc.property(compiled, sql92Properties(), (expression, values) => {
        const result = outcome(expression, values);
        expect([true, false, null, 'error']).toContain(result);
        expect(compileSql92(expression).matches(lookup(values))).toBe(result === true);
      }),
      { numRuns: 2000 },
    );
  });

  it('is three-valued: NOT flips TRUE and FALSE and keeps NULL', () => {
    fc.assert(
      fc.property(
        sql92Expression().filter((e) => compiles(`NOT (${e})`) && compiles(e)),
        sql92Properties(),
        (expression, values) => {
          const inner = outcome(expression, values);
          const negated = outcome(`NOT (${expression})`, values);
          if (inner === 'error') expect(negated).toBe('error');
          else expect(negated).toBe(inner === null ? null : !inner);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('makes AND / OR agree with Kleene logic on their operands', () => {
    // Operands that stay whole inside parentheses (no text left over for RocketMQ to ignore).
    const predicate = sql92Expression(3).filter((e) => compiles(`(${e})`) && compileSql92(`(${e})`).ignoredTail === undefined);
    fc.assert(
      fc.property(predicate, predicate, sql92Properties(), (left, right, values) => {
        fc.pre(compiles(`(${left}) AND (${right})`));
        const l = outcome(`(${left})`, values);
        const r = outcome(`(${right})`, values);
        if (l === 'error' || r === 'error') return;
        const and = l === false || r === false ? false : l === null || r === null ? null : true;
        const or = l === true || r === true ? true : l === null || r === null ? null : false;
        expect(outcome(`(${left}) AND (${right})`, values)).toBe(and);
        expect(outcome(`(${left}) OR (${right})`, values)).toBe(or);
      }),
      { numRuns: 1000 },
    );
  });
});
