import { describe, expect, it } from 'vitest';

import { ManualClock, systemClock } from './clock';

describe('Base > clock', () => {
  it('moves a manual clock only when told', () => {
    const clock = new ManualClock(1000);
    expect(clock.nowMs()).toBe(1000);
    clock.advance(120_000);
    expect(clock.nowMs()).toBe(121_000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('reads the system clock in epoch milliseconds', () => {
    const before = Date.now();
    const now = systemClock.nowMs();
    expect(now).toBeGreaterThanOrEqual(before);
  });
});
