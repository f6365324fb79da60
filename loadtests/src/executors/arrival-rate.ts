import { type ExecutorRun, settle } from './executor';
import type { StagePlan } from './stage-plan';

export interface ArrivalRatePlan {
  /** Target iterations per `timeUnitMs`, over time. */
  readonly stages: StagePlan;
  readonly timeUnitMs: number;
  readonly preAllocatedVUs: number;
  readonly maxVUs: number;
}

/** The scheduler sleeps at most this long between checks, so Ctrl-C and rate changes are seen. */
const MAX_NAP_MS = 50;

/**
 * k6's constant-arrival-rate and ramping-arrival-rate (an open model): iteration i is due at the
 * moment the plan's integral reaches i + 1, whatever happened to earlier ones. Each due iteration
 * takes a free VU, allocating one more up to maxVUs; with none left it is dropped and counted. The
 * intended start is passed on, so a broker stall shows as latency on every iteration it delayed,
 * not just on the few that were in flight (no coordinated omission).
 */
export async function runArrivalRate(
  plan: ArrivalRatePlan,
  { run, events, clock, signal, gracefulStopMs = 30_000 }: ExecutorRun,
): Promise<void> {
  const start = clock.now();
  const free: number[] = [];
  let allocated = 0;
  const allocate = (): number => {
    allocated += 1;
    events.onVus(allocated);
    return allocated - 1;
  };
  for (let vu = 0; vu < plan.preAllocatedVUs; vu += 1) free.push(allocate());
  const inFlight = new Set<Promise<boolean>>();
  const perMs = (iterations: number): number => iterations * plan.timeUnitMs;
  let next = 0;
  while (!signal.aborted) {
    const elapsed = clock.now() - start;
    if (elapsed >= plan.stages.totalMs) break;
    const due = Math.floor(plan.stages.integralAt(elapsed) / plan.timeUnitMs + 1e-9);
    for (; next < due; next += 1) {
      const vu = free.pop() ?? (allocated < plan.maxVUs ? allocate() : undefined);
      if (vu === undefined) {
        events.onDropped();
        continue;
      }
      const intendedAt = start + plan.stages.timeOfIntegral(perMs(next + 1));
      const iteration = run(vu, next, intendedAt).finally(() => {
        inFlight.delete(iteration);
        free.push(vu);
      });
      inFlight.add(iteration);
    }
    const nextAt = start + plan.stages.timeOfIntegral(perMs(next + 1));
    await clock.sleep(Math.min(MAX_NAP_MS, Math.max(0, nextAt - clock.now())));
  }
  await settle(() => [...inFlight], clock, gracefulStopMs);
}
