// The limiter never runs more tasks than allowed, runs waiters in order, and frees its slot when a task fails.
import { describe, expect, it } from 'vitest';

import { ConcurrencyLimiter } from './concurrency-limiter';

describe('Exporter > ConcurrencyLimiter', () => {
  it('caps tasks in flight and frees slots on failure', async () => {
    const limiter = new ConcurrencyLimiter(2);
    let peak = 0;
    const order: number[] = [];
    const task = (id: number, fail = false) =>
      limiter.run(async () => {
        peak = Math.max(peak, limiter.inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        order.push(id);
        if (fail) throw new Error(`task ${id}`);
        return id;
      });
    const results = await Promise.allSettled([task(1), task(2, true), task(3), task(4)]);
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(limiter.inFlight).toBe(0);
    expect(() => new ConcurrencyLimiter(0)).toThrow(RangeError);
  });
});
