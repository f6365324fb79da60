/**
 * One counter with RocketMQ's three sliding windows (docs/admin.md#stats-windows): a sample every
 * 10 s kept 7 deep (the minute), every 10 min kept 7 deep (the hour), every hour kept 25 deep (the
 * day). A window's figures come from its oldest and newest sample: sum = value difference, tps =
 * sum per second between them, avgpt = sum per call. Adding is two number increments, so the put
 * and pull paths allocate nothing; samples are allocated by the sampler, a few per item per 10 s.
 */
export interface StatsSnapshot {
  readonly sum: number;
  readonly tps: number;
  readonly avgpt: number;
  readonly times: number;
}

export type StatsWindow = 'minute' | 'hour' | 'day';

interface Sample {
  readonly timestampMs: number;
  readonly times: number;
  readonly value: number;
}

interface WindowShape {
  readonly periodMs: number;
  readonly depth: number;
}

export const STATS_WINDOWS: Readonly<Record<StatsWindow, WindowShape>> = {
  minute: { periodMs: 10_000, depth: 7 },
  hour: { periodMs: 10 * 60_000, depth: 7 },
  day: { periodMs: 60 * 60_000, depth: 25 },
};

export class StatsItem {
  /** Calls counted (a batch put is one call of n messages). */
  times = 0;
  /** Sum of the values added (messages or bytes). */
  value = 0;
  private readonly samples: Record<StatsWindow, Sample[]> = { minute: [], hour: [], day: [] };

  /** A new item is sampled at once in every window, as Java's StatsItem.init schedules its samplers with no delay. */
  constructor(createdMs: number) {
    for (const window of Object.keys(STATS_WINDOWS) as StatsWindow[]) this.sample(window, createdMs);
  }

  add(value: number, times: number): void {
    this.value += value;
    this.times += times;
  }

  /** Records the counters now; the first sample of a window is preceded by a zero one period earlier. */
  sample(window: StatsWindow, nowMs: number): void {
    const shape = STATS_WINDOWS[window];
    const samples = this.samples[window];
    if (samples.length === 0) samples.push({ timestampMs: nowMs - shape.periodMs, times: 0, value: 0 });
    samples.push({ timestampMs: nowMs, times: this.times, value: this.value });
    if (samples.length > shape.depth) samples.shift();
  }

  snapshot(window: StatsWindow): StatsSnapshot {
    const samples = this.samples[window];
    const first = samples[0];
    const last = samples[samples.length - 1];
    if (first === undefined || last === undefined) return { sum: 0, tps: 0, avgpt: 0, times: 0 };
    const sum = last.value - first.value;
    const elapsedMs = last.timestampMs - first.timestampMs;
    const times = last.times - first.times;
    return { sum, tps: elapsedMs > 0 ? (sum * 1000) / elapsedMs : 0, avgpt: times > 0 ? sum / times : 0, times };
  }
}
