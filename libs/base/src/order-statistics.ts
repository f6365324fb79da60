/**
 * Medians and percentiles of small samples (benchmark rounds, failover times): the one home for
 * them, so every printed "p99" in specs, suites and benchmarks means the same rank.
 */
import { at } from './checked-index';

/** The p-th percentile (0 < p ≤ 100) by nearest rank: a value of the sample, NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile wants 0 < p <= 100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** The middle value; the mean of the two middle ones for an even count; NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? at(sorted, middle, 'sorted values')
    : (at(sorted, middle - 1, 'sorted values') + at(sorted, middle, 'sorted values')) / 2;
}
