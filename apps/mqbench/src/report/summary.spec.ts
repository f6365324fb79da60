import { describe, expect, it } from 'vitest';

import { BenchStats } from '../stats/bench-stats';
import { LatencyHistogram } from '../stats/latency-histogram';
import { formatLatencyLine, formatTimestamp, latencyMsOf, tpsOf } from './summary';

describe('summary figures', () => {
  it('turns a histogram of µs into ms with µs precision', () => {
    const histogram = new LatencyHistogram();
    for (let micros = 1; micros <= 200; micros += 1) histogram.record(micros * 10);
    // Values 10..2000 µs; the percentiles fall in buckets of at most 8 µs.
    expect(latencyMsOf(histogram)).toEqual({ avg: 1.005, p50: 1.003, p99: 1.983, p999: 2, max: 2 });
  });

  it('is all zeros for an empty window', () => {
    expect(latencyMsOf(new LatencyHistogram())).toEqual({ avg: 0, p50: 0, p99: 0, p999: 0, max: 0 });
    expect(tpsOf(100, 0)).toBe(0);
  });

  it('computes tps over the window, rounded to 3 decimals', () => {
    expect(tpsOf(30_000, 3)).toBe(10_000);
    expect(tpsOf(10, 3)).toBe(3.333);
  });

  it("stamps lines as Apache's benchmark does (local time)", () => {
    expect(formatTimestamp(new Date(2026, 10, 2, 3, 4, 5, 67))).toBe('2026-11-02 03:04:05,067');
  });

  it('prints the closing percentile line', () => {
    expect(formatLatencyLine('Send', { avg: 1.5, p50: 1, p99: 9.25, p999: 20, max: 31.125 })).toBe(
      'Send RT(ms): avg 1.500 p50 1.000 p99 9.250 p999 20.000 max 31.125',
    );
  });
});

describe('BenchStats', () => {
  it('keeps warm-up results out of the measured window but in the running totals', () => {
    const stats = new BenchStats(false);
    stats.success(5_000);
    stats.failure(true);
    stats.startMeasuring();
    stats.success(1_000);
    stats.success(3_000);
    stats.failure(false);
    stats.stopMeasuring();
    stats.success(9_000);
    expect([stats.histogram.count, stats.histogram.max, stats.measuredFailures]).toEqual([2, 3_000, 1]);
    expect([stats.totalSuccesses, stats.totalFailures, stats.totalResponseFailures]).toEqual([4, 2, 1]);
  });

  it('reports each interval once, then starts the next from zero', () => {
    const stats = new BenchStats(true);
    stats.success(1_000);
    stats.success(3_000);
    stats.failure(false);
    expect(stats.interval.take()).toEqual({ successes: 2, failures: 1, avgMicros: 2_000, maxMicros: 3_000 });
    expect(stats.interval.take()).toEqual({ successes: 0, failures: 0, avgMicros: 0, maxMicros: 0 });
  });
});
