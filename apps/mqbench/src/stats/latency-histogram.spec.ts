import { describe, expect, it } from 'vitest';

import { histogramLayout, LatencyHistogram } from './latency-histogram';

const { bucketIndex, bucketHighestValue, BUCKET_COUNT, MAX_TRACKABLE } = histogramLayout;

function histogramOf(values: Iterable<number>): LatencyHistogram {
  const histogram = new LatencyHistogram();
  for (const value of values) histogram.record(value);
  return histogram;
}

function* range(from: number, to: number): Generator<number> {
  for (let value = from; value <= to; value += 1) yield value;
}

describe('histogram bucket layout', () => {
  it('gives every value below 256 µs a bucket of its own', () => {
    for (const value of range(0, 255)) {
      expect(bucketIndex(value)).toBe(value);
      expect(bucketHighestValue(value)).toBe(value);
    }
  });

  it('numbers buckets without gaps, and each value lies in its bucket, which is under 1/128 of it wide', () => {
    // Checked with plain comparisons and asserted once: 72 000 expect() calls take seconds.
    const broken: string[] = [];
    let previous = -1;
    const samples = [...range(0, 70_000), ...Array.from({ length: 2_000 }, (_, i) => Math.floor((MAX_TRACKABLE / 2_000) * (i + 1)))];
    for (const value of samples) {
      const index = bucketIndex(value);
      const step = index - previous;
      previous = index;
      const high = bucketHighestValue(index);
      const low = index === 0 ? 0 : bucketHighestValue(index - 1) + 1;
      if (step < 0 || (value <= 70_000 && step > 1)) broken.push(`${value}: index ${index} after ${index - step}`);
      if (value < low || value > high) broken.push(`${value}: outside its bucket ${low}..${high}`);
      if (high - low + 1 > Math.max(1, value / 128)) broken.push(`${value}: bucket ${low}..${high} too wide`);
    }
    expect(broken).toEqual([]);
  });

  it('ends with the bucket of the largest trackable value', () => {
    expect(bucketIndex(MAX_TRACKABLE)).toBe(BUCKET_COUNT - 1);
    expect(bucketHighestValue(BUCKET_COUNT - 1)).toBe(MAX_TRACKABLE);
  });
});

describe('LatencyHistogram', () => {
  it('reports zeros when empty', () => {
    const histogram = new LatencyHistogram();
    expect([histogram.count, histogram.mean, histogram.min, histogram.max, histogram.percentile(0.99)]).toEqual([0, 0, 0, 0, 0]);
  });

  it('gives exact nearest-rank percentiles for small values', () => {
    const histogram = histogramOf(range(1, 100));
    expect(histogram.percentile(0.5)).toBe(50);
    expect(histogram.percentile(0.99)).toBe(99);
    expect(histogram.percentile(0.999)).toBe(100);
    expect(histogram.percentile(1)).toBe(100);
    expect(histogram.percentile(0)).toBe(1);
    expect(histogram.mean).toBe(50.5);
    expect([histogram.min, histogram.max, histogram.count]).toEqual([1, 100, 100]);
  });

  it('is within 1/128 of the exact percentile over a wide range, and never above the max', () => {
    // 1 µs .. 1 s, one sample per µs: the exact p-th value is p × 1e6.
    const histogram = histogramOf(range(1, 1_000_000));
    for (const fraction of [0.5, 0.9, 0.99, 0.999]) {
      const exact = fraction * 1_000_000;
      const reported = histogram.percentile(fraction);
      expect(reported).toBeGreaterThanOrEqual(exact);
      expect(reported).toBeLessThanOrEqual(exact * (1 + 1 / 128));
    }
    expect(histogram.percentile(1)).toBe(1_000_000);
    expect(histogram.max).toBe(1_000_000);
  });

  it('finds a rare tail: 999 fast values and one slow one', () => {
    const histogram = histogramOf([...Array.from({ length: 999 }, () => 1_000), 250_000]);
    // 1 000 µs shares a 4 µs wide bucket (1 000..1 003); a percentile reports the bucket's top.
    expect(histogram.percentile(0.99)).toBe(1_003);
    expect(histogram.percentile(0.999)).toBe(1_003);
    expect(histogram.percentile(0.9991)).toBe(250_000);
    expect(histogram.max).toBe(250_000);
    expect(histogram.mean).toBeCloseTo((999 * 1_000 + 250_000) / 1_000, 6);
  });

  it('rounds fractions, counts negatives as 0 and keeps the exact max of values past the last bucket', () => {
    const histogram = histogramOf([1.4, 1.6, -5, 2 ** 40]);
    expect(histogram.min).toBe(0);
    expect(histogram.percentile(0.25)).toBe(0);
    expect(histogram.percentile(0.5)).toBe(1);
    expect(histogram.percentile(0.75)).toBe(2);
    expect(histogram.max).toBe(2 ** 40);
    expect(histogram.percentile(1)).toBe(MAX_TRACKABLE);
  });

  it('rejects fractions outside [0, 1]', () => {
    const histogram = histogramOf([1]);
    expect(() => histogram.percentile(99)).toThrow(RangeError);
    expect(() => histogram.percentile(Number.NaN)).toThrow(RangeError);
  });

  it('forgets everything on reset', () => {
    const histogram = histogramOf([5, 500, 5_000]);
    histogram.reset();
    histogram.record(7);
    expect([histogram.count, histogram.min, histogram.max, histogram.percentile(0.5)]).toEqual([1, 7, 7, 7]);
  });
});
