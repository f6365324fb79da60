import { type ExecutorRun, settle } from './executor';
import type { StagePlan } from './stage-plan';

/** How often the VU count is matched to the plan. */
const SUPERVISE_MS = 50;
/** A VU whose iteration failed waits this long, so a dead broker is not a busy loop. */
const FAILURE_PAUSE_MS = 100;

/**
 * k6's constant-vus and ramping-vus (a closed model): VU n loops iterations back to back while n is
 * below the plan's VU count; when the count falls, the highest VUs stop after their current
 * iteration (k6's graceful ramp-down). Latency is measured from each iteration's actual start.
 */
export async function runVus(plan: StagePlan, { run, events, clock, signal, gracefulStopMs = 30_000 }: ExecutorRun): Promise<void> {
  const start = clock.now();
  let target = 0;
  let iterations = 0;
  let ended = false;
  const loops = new Map<number, Promise<void>>();
  const loop = async (vu: number): Promise<void> => {
    while (!ended && vu < target) {
      const ok = await run(vu, iterations++, undefined);
      if (!ok && !ended) await clock.sleep(FAILURE_PAUSE_MS);
    }
    loops.delete(vu);
    events.onVus(loops.size);
  };
  while (!signal.aborted) {
    const elapsed = clock.now() - start;
    if (elapsed >= plan.totalMs) break;
    target = Math.round(plan.valueAt(elapsed));
    for (let vu = 0; vu < target; vu += 1) {
      if (loops.has(vu)) continue;
      loops.set(vu, loop(vu));
      events.onVus(loops.size);
    }
    await clock.sleep(Math.min(SUPERVISE_MS, plan.totalMs - elapsed));
  }
  ended = true;
  await settle(() => [...loops.values()], clock, gracefulStopMs);
  events.onVus(0);
}
