import { describe, expect, it } from 'vitest';

import { editDistance, nearestKey } from './nearest-key';

describe('Config > nearest key', () => {
  it('computes Levenshtein distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  const known = ['listenPort', 'kvConfigPath', 'orderMessageEnable', 'serverChannelMaxIdleTimeSeconds'];

  it('suggests the closest key, ignoring case slips', () => {
    expect(nearestKey('listenPrt', known)).toBe('listenPort');
    expect(nearestKey('ListenPort', known)).toBe('listenPort');
    expect(nearestKey('kvconfigpath', known)).toBe('kvConfigPath');
  });

  it('offers nothing when no key is close', () => {
    expect(nearestKey('brokerRole', known)).toBeUndefined();
  });
});
