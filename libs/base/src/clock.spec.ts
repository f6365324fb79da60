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

  it('schedules and clears real timers through the system port', async () => {
    let fired = false;
    const cancelled = systemClock.setTimeout(() => (fired = true), 1).unref();
    systemClock.clearTimeout(cancelled);
    let ticks = 0;
    const interval = systemClock.setInterval(() => ticks++, 1);
    await systemClock.sleep(20);
    systemClock.clearInterval(interval);
    expect(fired).toBe(false);
    expect(ticks).toBeGreaterThan(0);
  });
});
