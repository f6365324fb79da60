import { describe, expect, it } from 'vitest';

import { formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['2.5s', 2_500],
    ['1h', 3_600_000],
    ['10', 10_000],
    [3, 3_000],
  ] as const)('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 's', '10 seconds', '1m x', '-1s'])('rejects %j', (text) => {
    expect(() => parseDuration(text)).toThrow(RangeError);
  });

  it('formats whole and fractional seconds', () => {
    expect([formatDuration(10_000), formatDuration(2_500), formatDuration(40)]).toEqual(['10s', '2.5s', '40ms']);
  });
});
