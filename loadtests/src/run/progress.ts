import type { ScenarioOptions } from '../config/scenario-options';
import type { PlannedExecutor } from '../executors/create-executor';
import type { Interval } from '../metrics/run-metrics';
import type { SummaryJson } from '../report/summary';

type Knee = NonNullable<SummaryJson['knee']>;

/** One second of a run, as the progress line and the knee detector see it. */
export interface ProgressTick {
  readonly executor: PlannedExecutor;
  readonly interval: Interval;
  /** Length of the interval in seconds. */
  readonly seconds: number;
  readonly elapsedMs: number;
}

/**
 * The knee of a ramp: the first second (after the first) whose p99 exceeds the scenario's
 * kneeP99Ms, or that dropped iterations or had failed sends, with the target rate at that moment.
 */
export function kneeOf(options: ScenarioOptions, tick: ProgressTick): Knee | null {
  const { executor, interval, elapsedMs, seconds } = tick;
  if (options.kneeP99Ms === undefined || executor.kind !== 'arrival-rate' || elapsedMs < 1_500) return null;
  if (interval.p99Ms <= options.kneeP99Ms && interval.dropped === 0 && interval.errors === 0) return null;
  return {
    targetRate: executor.targetAt(elapsedMs),
    achievedRate: interval.sent / seconds,
    p99Ms: interval.p99Ms,
    atSecond: Math.round(elapsedMs / 1000),
  };
}

export function progressLine(tick: ProgressTick, state: { vus: number; consumedPerSecond: number; lag: number }): string {
  const { executor, interval, elapsedMs, seconds } = tick;
  const target =
    executor.kind === 'arrival-rate'
      ? `target ${Math.round(executor.targetAt(elapsedMs))}/s`
      : `target ${executor.targetAt(elapsedMs)} VUs`;
  return (
    `running (${(elapsedMs / 1000).toFixed(1)}s/${(executor.durationMs / 1000).toFixed(1)}s) ${state.vus} VUs, ${target}, sent ${Math.round(interval.sent / seconds)}/s, ` +
    `p99 ${interval.p99Ms.toFixed(2)}ms, errors ${interval.errors}, dropped ${interval.dropped}, consumed ${Math.round(state.consumedPerSecond)}/s, lag ${state.lag}`
  );
}
