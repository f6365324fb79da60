import { LatencyHistogram } from './latency-histogram';

/** What happened in one reporting interval (one second): read by the per-second line, then cleared. */
export interface IntervalSnapshot {
  readonly successes: number;
  readonly failures: number;
  /** Mean latency of the interval's successes, µs; 0 when none. */
  readonly avgMicros: number;
  /** Largest latency of the interval, µs; 0 when none. */
  readonly maxMicros: number;
}

/** Running counters of one interval; `take()` returns them and starts the next interval. */
export class IntervalCounter {
  private successes = 0;
  private failures = 0;
  private sumMicros = 0;
  private maxMicros = 0;

  success(micros: number): void {
    this.successes += 1;
    this.sumMicros += micros;
    if (micros > this.maxMicros) this.maxMicros = micros;
  }

  failure(): void {
    this.failures += 1;
  }

  take(): IntervalSnapshot {
    const snapshot = {
      successes: this.successes,
      failures: this.failures,
      avgMicros: this.successes === 0 ? 0 : this.sumMicros / this.successes,
      maxMicros: this.maxMicros,
    };
    this.successes = 0;
    this.failures = 0;
    this.sumMicros = 0;
    this.maxMicros = 0;
    return snapshot;
  }
}

/**
 * Everything one benchmark run counts: the current interval, the whole-run totals (warm-up included,
 * as Java's cumulative "Send Failed" counter), and the measured window's histogram and counts
 * (warm-up excluded), which the final summary is computed from.
 */
export class BenchStats {
  readonly interval = new IntervalCounter();
  readonly histogram = new LatencyHistogram();
  totalSuccesses = 0;
  totalFailures = 0;
  /** Failures the broker answered (Java: "Response Failed"); the rest never got an answer ("Send Failed"). */
  totalResponseFailures = 0;
  measuredFailures = 0;
  private measuring: boolean;

  constructor(measureFromStart: boolean) {
    this.measuring = measureFromStart;
  }

  get isMeasuring(): boolean {
    return this.measuring;
  }

  /** Ends the warm-up: from now on successes and failures count towards the summary. */
  startMeasuring(): void {
    this.histogram.reset();
    this.measuredFailures = 0;
    this.measuring = true;
  }

  stopMeasuring(): void {
    this.measuring = false;
  }

  success(micros: number): void {
    this.totalSuccesses += 1;
    this.interval.success(micros);
    if (this.measuring) this.histogram.record(micros);
  }

  failure(answeredByBroker: boolean): void {
    this.totalFailures += 1;
    if (answeredByBroker) this.totalResponseFailures += 1;
    this.interval.failure();
    if (this.measuring) this.measuredFailures += 1;
  }
}
