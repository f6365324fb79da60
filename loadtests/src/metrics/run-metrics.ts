import type { Registry } from 'prom-client';

import { createMetricsRegistry, METRICS } from '@rocketmq-ts/observability';

import { LatencyRecorder } from './latency-recorder';

const ENTRIES = {
  vus: METRICS.loadtest_vus,
  iterations: METRICS.loadtest_iterations_total,
  dropped: METRICS.loadtest_dropped_iterations_total,
  sent: METRICS.loadtest_messages_sent_total,
  sendLatency: METRICS.loadtest_send_latency_milliseconds,
  sendErrors: METRICS.loadtest_send_errors_total,
  consumed: METRICS.loadtest_messages_consumed_total,
  lag: METRICS.loadtest_consumer_lag_messages,
  checks: METRICS.loadtest_checks_total,
} as const;

/** One second of the run, for the progress line and the knee. */
export interface Interval {
  readonly iterations: number;
  readonly sent: number;
  readonly errors: number;
  readonly dropped: number;
  readonly p99Ms: number;
}

/**
 * Everything the run counts, in two forms: prom-client series for /metrics (labelled with testid
 * and scenario) and exact figures for the summary and thresholds (HdrHistogram for latency, since
 * the Prometheus buckets are too coarse for p99.9 and max).
 */
export class RunMetrics {
  readonly registry: Registry;
  private readonly metrics;
  readonly latency = new LatencyRecorder();
  private readonly intervalLatency = new LatencyRecorder();
  readonly checks = new Map<string, { passes: number; fails: number }>();
  readonly errorsByCode = new Map<string, number>();
  iterations = 0;
  dropped = 0;
  sent = 0;
  errors = 0;
  consumed = 0;
  maxVus = 0;
  vus = 0;
  maxLag = 0;
  lag = 0;
  private mark = { iterations: 0, sent: 0, errors: 0, dropped: 0 };
  /** Labelled children looked up once: a check runs on every send, and prom-client's label lookup is not free. */
  private readonly checkCounters = new Map<string, { inc(): void }>();

  constructor(testid: string, scenario: string) {
    const { registry, metrics } = createMetricsRegistry(ENTRIES, { collectDefaultMetrics: false, defaultLabels: { testid, scenario } });
    this.registry = registry;
    this.metrics = metrics;
    // Zero series from the start, so rate() has a baseline before the first event.
    for (const counter of [metrics.iterations, metrics.dropped, metrics.sent, metrics.consumed]) counter.inc(0);
    metrics.vus.set(0);
  }

  setVus(count: number): void {
    this.vus = count;
    this.maxVus = Math.max(this.maxVus, count);
    this.metrics.vus.set(count);
  }

  iteration(): void {
    this.iterations += 1;
    this.metrics.iterations.inc();
  }

  droppedIteration(): void {
    this.dropped += 1;
    this.metrics.dropped.inc();
  }

  acked(latencyMs: number): void {
    this.sent += 1;
    this.latency.record(latencyMs);
    this.intervalLatency.record(latencyMs);
    this.metrics.sent.inc();
    this.metrics.sendLatency.observe(latencyMs);
  }

  sendFailed(code: string): void {
    this.errors += 1;
    this.errorsByCode.set(code, (this.errorsByCode.get(code) ?? 0) + 1);
    this.metrics.sendErrors.inc({ code });
  }

  consumedOne(): void {
    this.consumed += 1;
    this.metrics.consumed.inc();
  }

  setLag(lag: number): void {
    this.lag = lag;
    this.maxLag = Math.max(this.maxLag, lag);
    this.metrics.lag.set(lag);
  }

  check(name: string, ok: boolean): boolean {
    const entry = this.checks.get(name) ?? { passes: 0, fails: 0 };
    if (ok) entry.passes += 1;
    else entry.fails += 1;
    this.checks.set(name, entry);
    const key = `${ok ? 'pass' : 'fail'}\u0000${name}`;
    let counter = this.checkCounters.get(key);
    if (counter === undefined) {
      counter = this.metrics.checks.labels({ check: name, result: ok ? 'pass' : 'fail' });
      this.checkCounters.set(key, counter);
    }
    counter.inc();
    return ok;
  }

  /** The figures since the previous call. */
  takeInterval(): Interval {
    const interval = {
      iterations: this.iterations - this.mark.iterations,
      sent: this.sent - this.mark.sent,
      errors: this.errors - this.mark.errors,
      dropped: this.dropped - this.mark.dropped,
      p99Ms: this.intervalLatency.percentileMs(0.99),
    };
    this.mark = { iterations: this.iterations, sent: this.sent, errors: this.errors, dropped: this.dropped };
    this.intervalLatency.reset();
    return interval;
  }
}
