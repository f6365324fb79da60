import { parseDuration } from '../config/duration';
import type { ExecutorOptions } from '../config/scenario-options';
import { runArrivalRate } from './arrival-rate';
import type { ExecutorRun } from './executor';
import { StagePlan } from './stage-plan';
import { runVus } from './vus';

export interface PlannedExecutor {
  readonly name: ExecutorOptions['executor'];
  readonly kind: 'arrival-rate' | 'vus';
  /** Planned length, ms. */
  readonly durationMs: number;
  /** The target at `ms`: iterations per second (arrival rate) or VUs. */
  targetAt(ms: number): number;
  run(context: ExecutorRun): Promise<void>;
}

function stagesOf(options: ExecutorOptions): { start: number; stages: { durationMs: number; target: number }[] } {
  switch (options.executor) {
    case 'constant-arrival-rate':
      return { start: options.rate, stages: [{ durationMs: parseDuration(options.duration), target: options.rate }] };
    case 'constant-vus':
      return { start: options.vus, stages: [{ durationMs: parseDuration(options.duration), target: options.vus }] };
    case 'ramping-arrival-rate':
      return {
        start: options.startRate ?? 0,
        stages: options.stages.map((stage) => ({ durationMs: parseDuration(stage.duration), target: stage.target })),
      };
    case 'ramping-vus':
      return {
        start: options.startVUs ?? 0,
        stages: options.stages.map((stage) => ({ durationMs: parseDuration(stage.duration), target: stage.target })),
      };
  }
}

/**
 * Turns validated executor options into a runnable plan. `durationMs`, when given, stretches or
 * shrinks every stage by the same factor so the run lasts that long (the CI smoke runs every
 * scenario for ~10 s with the shape of its full-length plan).
 */
export function createExecutor(options: ExecutorOptions, durationMs?: number): PlannedExecutor {
  const { start, stages } = stagesOf(options);
  const planned = stages.reduce((sum, stage) => sum + stage.durationMs, 0);
  const factor = durationMs === undefined || planned === 0 ? 1 : durationMs / planned;
  const plan = new StagePlan(
    start,
    stages.map((stage) => ({ durationMs: stage.durationMs * factor, target: stage.target })),
  );
  if (options.executor === 'constant-vus' || options.executor === 'ramping-vus') {
    return {
      name: options.executor,
      kind: 'vus',
      durationMs: plan.totalMs,
      targetAt: (ms) => Math.round(plan.valueAt(ms)),
      run: (context) => runVus(plan, context),
    };
  }
  const timeUnitMs = parseDuration(options.timeUnit ?? '1s');
  const peakPerSecond = (Math.max(start, ...stages.map((stage) => stage.target)) * 1000) / timeUnitMs;
  const preAllocatedVUs = options.preAllocatedVUs ?? Math.max(1, Math.ceil(peakPerSecond / 10));
  const maxVUs = Math.max(preAllocatedVUs, options.maxVUs ?? 1000);
  return {
    name: options.executor,
    kind: 'arrival-rate',
    durationMs: plan.totalMs,
    targetAt: (ms) => (plan.valueAt(ms) * 1000) / timeUnitMs,
    run: (context) => runArrivalRate({ stages: plan, timeUnitMs, preAllocatedVUs, maxVUs }, context),
  };
}
