import { describe, expect, it } from 'vitest';

import { SCENARIOS } from '../scenarios';
import { OptionsError, validateScenarioOptions } from './validate-options';

describe('validateScenarioOptions', () => {
  it.each(Object.entries(SCENARIOS))('accepts the shipped scenario %s', (name, scenario) => {
    expect(validateScenarioOptions(scenario.options, name)).toBe(scenario.options);
  });

  it('lists every bad key by its path, at once', () => {
    const bad = {
      description: 'x',
      topic: 'T',
      executor: { executor: 'constant-arrival-rate', rate: -1, duration: '1 minute', maxVUs: 1.5 },
      message: { size: [{ size: 0, weight: 1 }] },
      consumers: { count: 1, orderlyy: true },
      thresholds: { send_latency: ['p99<20'], latency: ['max<1'] },
      failover: { at: '140%' },
    };
    let problems: readonly string[] = [];
    try {
      validateScenarioOptions(bad, 's');
    } catch (error) {
      expect(error).toBeInstanceOf(OptionsError);
      problems = (error as OptionsError).problems;
    }
    expect(problems).toEqual([
      's.executor.rate: expected a number >= 0, got -1',
      's.executor.duration: duration "1 minute" is not like 30s, 1m30s or 500ms',
      's.executor.maxVUs: expected an integer >= 1, got 1.5',
      expect.stringMatching(/^s\.thresholds\.send_latency\[0\]: "p99<20" is not like/),
      expect.stringMatching(/^s\.thresholds\.latency: unknown metric/),
      's.message.size[0].size: expected an integer >= 1 and <= 4194304, got 0',
      expect.stringMatching(/^s\.consumers\.orderlyy: unknown key/),
      expect.stringMatching(/^s\.failover\.at: duration "140%"/),
    ]);
  });

  it('names an unknown executor', () => {
    expect(() => validateScenarioOptions({ description: 'x', topic: 'T', executor: { executor: 'per-vu-iterations' } }, 's')).toThrow(
      /s\.executor\.executor: expected one of constant-arrival-rate/,
    );
  });
});
