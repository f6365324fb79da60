import { describe, expect, it } from 'vitest';

import { evaluateThresholds, parseThreshold } from './thresholds';

describe('thresholds', () => {
  it('parses percentiles, rates and comparisons', () => {
    expect(parseThreshold('send_latency', 'p(99.9) <= 20')).toMatchObject({ aggregation: 'p(99.9)', operator: '<=', limit: 20 });
    expect(parseThreshold('send_latency', 'p(99.9)<20').percentile).toBeCloseTo(0.999, 12);
    expect(parseThreshold('send_errors', 'rate<0.001')).toMatchObject({ aggregation: 'rate', operator: '<', limit: 0.001 });
    expect(parseThreshold('lost_messages', 'count==0')).toMatchObject({ aggregation: 'count', operator: '==', limit: 0 });
  });

  it.each([
    ['send_latency', 'rate<1', /offers avg, min, med, max, p\(N\), not rate/],
    ['send_latency', 'p(0)<1', /percentile 0/],
    ['send_errors', 'rate lt 1', /is not like/],
    ['nope', 'count<1', /unknown metric nope/],
  ])('rejects %s %s with a clear message', (metric, expression, message) => {
    expect(() => parseThreshold(metric, expression)).toThrow(message);
  });

  it('passes and fails on what was measured; a metric never measured fails', () => {
    const stats = {
      send_latency: { values: { max: 30 }, percentile: (fraction: number) => fraction * 10 },
      send_errors: { values: { rate: 0.002, count: 2 } },
    };
    const results = evaluateThresholds(
      { send_latency: ['p(99)<20', 'max<10'], send_errors: ['rate<0.001'], consumer_lag: ['max<5'] },
      stats,
    );
    expect(results.map((result) => [result.expression, result.ok, result.actual])).toEqual([
      ['p(99)<20', true, 9.9],
      ['max<10', false, 30],
      ['rate<0.001', false, 0.002],
      ['max<5', false, Number.NaN],
    ]);
  });
});
