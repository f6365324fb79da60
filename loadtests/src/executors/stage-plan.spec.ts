import { describe, expect, it } from 'vitest';

import { StagePlan } from './stage-plan';

describe('StagePlan', () => {
  // 0 → 10 per ms over 1000 ms, hold 10 for 1000 ms, down to 0 over 1000 ms.
  const plan = new StagePlan(0, [
    { durationMs: 1000, target: 10 },
    { durationMs: 1000, target: 10 },
    { durationMs: 1000, target: 0 },
  ]);

  it('interpolates the target linearly and holds the last one', () => {
    expect([plan.valueAt(0), plan.valueAt(500), plan.valueAt(1500), plan.valueAt(2500), plan.valueAt(9999)]).toEqual([0, 5, 10, 5, 0]);
    expect(plan.totalMs).toBe(3000);
  });

  it('integrates each piece as a trapezoid', () => {
    expect([plan.integralAt(500), plan.integralAt(1000), plan.integralAt(2000), plan.integralAt(3000), plan.integralAt(5000)]).toEqual([
      1250, 5000, 15000, 20000, 20000,
    ]);
  });

  it('inverts the integral on rising, flat and falling pieces', () => {
    for (const ms of [0, 1, 250, 999, 1000, 1500, 2000, 2400, 2999]) expect(plan.timeOfIntegral(plan.integralAt(ms))).toBeCloseTo(ms, 6);
    expect(plan.timeOfIntegral(20001)).toBe(Number.POSITIVE_INFINITY);
  });

  it('has a constant rate when start and target agree', () => {
    const constant = new StagePlan(2, [{ durationMs: 100, target: 2 }]);
    expect([constant.integralAt(50), constant.timeOfIntegral(50)]).toEqual([100, 25]);
  });
});
