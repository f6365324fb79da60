import { describe, expect, it } from 'vitest';

import { compileAddressPattern } from './remote-address-matcher';

function matcher(pattern: string): (ip: string) => boolean {
  const compiled = compileAddressPattern(pattern);
  if (!compiled.ok) throw new Error(compiled.reason);
  return compiled.match;
}

describe('compileAddressPattern', () => {
  it.each([
    ['', '1.2.3.4', false],
    ['*', '1.2.3.4', true],
    ['*.*.*.*', '::1', true],
    ['192.168.0.1', '192.168.0.1', true],
    ['192.168.0.1', '192.168.0.10', false],
    ['192.168.0.*', '192.168.0.77', true],
    ['192.168.0.*', '192.168.1.77', false],
    ['192.168.1-10.*', '192.168.7.1', true],
    ['192.168.1-10.*', '192.168.11.1', false],
    ['192.168.0.1,10.0.0.2', '10.0.0.2', true],
    ['192.168.0.{1,2}', '192.168.0.2', true],
    ['192.168.0.{1,2}', '192.168.0.3', false],
    ['::1', '::1', true],
  ])('%s against %s → %s', (pattern, ip, expected) => {
    expect(matcher(pattern)(ip)).toBe(expected);
  });

  it.each(['192.168.0', '1.2.3.300', '1.2.*', '1.2.3.9-2', '1.2.3.x', 'a{1,2}'])('refuses %s', (pattern) => {
    expect(compileAddressPattern(pattern).ok).toBe(false);
  });
});
