// Peers are keyed by `ip:port` as Java prints them; IPv4-mapped IPv6 must not leak into keys.
import { describe, expect, it } from 'vitest';

import { formatRemoteAddress } from './remote-address';

describe('Remoting > formatRemoteAddress', () => {
  it('maps ::ffff: IPv4 addresses to plain IPv4 and keeps others', () => {
    expect(formatRemoteAddress('::ffff:10.0.0.7', 40_001)).toBe('10.0.0.7:40001');
    expect(formatRemoteAddress('127.0.0.1', 9876)).toBe('127.0.0.1:9876');
    expect(formatRemoteAddress('::1', 9876)).toBe('::1:9876');
    expect(formatRemoteAddress(undefined, undefined)).toBe('unknown:0');
  });
});
