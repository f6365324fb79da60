import { describe, expect, it } from 'vitest';

import type { ExecutorOptions } from '../config/scenario-options';
import { createExecutor } from './create-executor';
import type { Clock, RunIteration } from './executor';

/** Virtual time: sleeping jumps the clock to the earliest wake-up once everything else is idle. */
class VirtualClock implements Clock {
  private at = 0;
  private readonly sleepers: { wakeAt: number; wake: () => void }[] = [];
  private running = true;

  now(): number {
    return this.at;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.sleepers.push({ wakeAt: this.at + Math.max(0, ms), wake }));
  }

  /** Drives time until `done` settles. */
  async drive(done: Promise<void>): Promise<void> {
    void done.finally(() => {
      this.running = false;
    });
    while (this.running) {
      await new Promise((resolve) => setImmediate(resolve));
      this.sleepers.sort((left, right) => left.wakeAt - right.wakeAt);
      const next = this.sleepers.shift();
      if (next === undefined) continue;
      this.at = Math.max(this.at, next.wakeAt);
      next.wake();
    }
  }
}

interface Recorded {
  readonly vu: number;
  readonly startedAt: number;
  readonly intendedAt: number | undefined;
}

async function execute(options: ExecutorOptions, latencyMs: (iteration: number) => number, durationMs?: number) {
  const clock = new VirtualClock();
  const started: Recorded[] = [];
  const vus: number[] = [];
  let dropped = 0;
  const run: RunIteration = async (vu, iteration, intendedAt) => {
    started.push({ vu, startedAt: clock.now(), intendedAt });
    await clock.sleep(latencyMs(iteration));
    return true;
  };
  const executor = createExecutor(options, durationMs);
  const done = executor.run({
    run,
    clock,
    signal: new AbortController().signal,
    events: { onDropped: () => (dropped += 1), onVus: (count) => vus.push(count) },
  });
  await clock.drive(done);
  return { started, dropped, maxVus: Math.max(0, ...vus), executor };
}

describe('executors (virtual time)', () => {
  it('constant-arrival-rate starts rate × duration iterations, each at its intended time', async () => {
    const { started, dropped } = await execute(
      { executor: 'constant-arrival-rate', rate: 100, duration: '2s', preAllocatedVUs: 5, maxVUs: 50 },
      () => 5,
    );
    expect(started).toHaveLength(199);
    expect(dropped).toBe(0);
    expect(started.slice(0, 3).map((one) => one.intendedAt)).toEqual([10, 20, 30]);
    expect(started.every((one) => one.startedAt >= (one.intendedAt ?? 0))).toBe(true);
  });

  it('drops iterations, not latency, when every allowed VU is busy: the stall stays visible', async () => {
    // Iteration 50 stalls for 500 ms; with 10 VUs at 100/s the pool runs dry during it.
    const { started, dropped, maxVus } = await execute(
      { executor: 'constant-arrival-rate', rate: 100, duration: '2s', preAllocatedVUs: 2, maxVUs: 10 },
      (iteration) => (iteration >= 50 && iteration < 60 ? 500 : 5),
    );
    expect(maxVus).toBe(10);
    expect(dropped).toBeGreaterThan(30);
    expect(started.length + dropped).toBe(199);
  });

  it('ramping-arrival-rate follows its stages', async () => {
    const { started } = await execute(
      {
        executor: 'ramping-arrival-rate',
        startRate: 0,
        stages: [
          { duration: '1s', target: 200 },
          { duration: '1s', target: 200 },
        ],
      },
      () => 1,
    );
    // 100 in the ramp (a triangle), 200 on the plateau.
    expect(started.filter((one) => (one.intendedAt ?? 0) <= 1000)).toHaveLength(100);
    expect(started.length).toBeGreaterThanOrEqual(298);
  });

  it('constant-vus keeps that many VUs busy back to back; --duration stretches the plan', async () => {
    const { started, maxVus, executor } = await execute({ executor: 'constant-vus', vus: 3, duration: '10s' }, () => 100, 1000);
    expect(executor.durationMs).toBe(1000);
    expect(maxVus).toBe(3);
    expect(new Set(started.map((one) => one.vu))).toEqual(new Set([0, 1, 2]));
    expect(started.length).toBeGreaterThanOrEqual(27);
    expect(started.length).toBeLessThanOrEqual(33);
    expect(started.every((one) => one.intendedAt === undefined)).toBe(true);
  });

  it('ramping-vus adds and retires VUs with the stages', async () => {
    const { maxVus, executor } = await execute(
      {
        executor: 'ramping-vus',
        startVUs: 1,
        stages: [
          { duration: '1s', target: 4 },
          { duration: '1s', target: 0 },
        ],
      },
      () => 50,
    );
    expect(maxVus).toBe(4);
    expect(executor.targetAt(1000)).toBe(4);
    expect(executor.targetAt(1500)).toBe(2);
  });
});
