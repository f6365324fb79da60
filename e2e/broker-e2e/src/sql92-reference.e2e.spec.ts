import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { compileSql92, FilterEvaluationError } from '@rocketmq-ts/filter';
import { runJava, sql92Expression, sql92Properties, suiteTempDir } from '@rocketmq-ts/testing';

import { useProcessHygiene } from './support/suite-hooks';

const CASES = 3_000;
const SETS_PER_CASE = 6;

interface Outcome {
  readonly ok: boolean;
  readonly r?: readonly string[];
}

function ours(expression: string, sets: ReadonlyArray<Record<string, string>>): Outcome {
  let filter;
  try {
    filter = compileSql92(expression);
  } catch {
    return { ok: false };
  }
  const r = sets.map((values) => {
    try {
      return String(filter.evaluate({ get: (name) => values[name] }));
    } catch (error) {
      if (error instanceof FilterEvaluationError) return 'error';
      throw error;
    }
  });
  return { ok: true, r };
}

/**
 * libs/filter against RocketMQ 5.3.3's own filter (rocketmq-filter, tools/interop/java
 * FilterOracle): the same generated expressions must compile or fail alike, and evaluate alike
 * (TRUE, FALSE, NULL or an evaluation error) on the same property sets.
 */
describe('Broker > e2e > SQL92 filter against RocketMQ 5.3.3 rocketmq-filter', () => {
  useProcessHygiene();

  it(`agrees on ${CASES} generated expressions × ${SETS_PER_CASE} property sets`, async () => {
    const cases = fc.sample(
      fc.record({ e: sql92Expression(), p: fc.array(sql92Properties(), { minLength: SETS_PER_CASE, maxLength: SETS_PER_CASE }) }),
      { numRuns: CASES, seed: 20261121 },
    );
    const dir = suiteTempDir('sql92-reference').path;
    const [file, out] = [join(dir, 'cases.jsonl'), join(dir, 'results.jsonl')];
    writeFileSync(file, cases.map((item) => JSON.stringify(item)).join('\n') + '\n');
    const run = await runJava('FilterOracle', ['--cases', file, '--out', out], 120_000);
    expect(run.summary['cases']).toBe(CASES);
    const reference = readFileSync(out, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Outcome);
    expect(reference).toHaveLength(CASES);
    const mismatches = cases
      .map((item, index) => ({ item, ours: ours(item.e, item.p), java: reference[index] }))
      .filter(({ ours: mine, java }) => java === undefined || mine.ok !== java.ok || JSON.stringify(mine.r) !== JSON.stringify(java.r));
    expect(mismatches.slice(0, 5)).toEqual([]);
    // The generator must exercise both sides: compiled expressions with every verdict, and refusals.
    const verdicts = new Set(reference.flatMap((outcome) => outcome.r ?? []));
    expect([...verdicts].sort()).toEqual(['error', 'false', 'null', 'true']);
    expect(reference.filter((outcome) => !outcome.ok).length).toBeGreaterThan(CASES / 10);
  });
});
