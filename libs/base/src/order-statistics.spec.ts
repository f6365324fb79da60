import { describe, expect, it } from 'vitest';

import { median, percentile } from './order-statistics';

describe('order statistics', () => {
  it('percentile is the nearest rank: a value of the sample', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 5)).toBe(15);
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile([], 99)).toBeNaN();
  });

  it('percentile refuses a rank outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 0.99 * 1000)).toThrow(/0 < p <= 100/);
  });

  it('median takes the middle, or the mean of the two middles, without reordering its input', () => {
    const input = [9, 1, 5];
    expect(median(input)).toBe(5);
    expect(input).toEqual([9, 1, 5]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
