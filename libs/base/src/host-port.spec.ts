import { describe, expect, it } from 'vitest';

import { hostOfAddress, parseHostPort, splitAddressList, splitHostPort } from './host-port';

describe('Base > host:port', () => {
  it('splits at the last colon, so bare and bracketed IPv6 hosts both work', () => {
    expect(parseHostPort('127.0.0.1:10911')).toEqual({ host: '127.0.0.1', port: 10911 });
    expect(parseHostPort('broker-a.local:9876')).toEqual({ host: 'broker-a.local', port: 9876 });
    expect(parseHostPort('[::1]:10912')).toEqual({ host: '::1', port: 10912 });
    expect(parseHostPort('::1:10912')).toEqual({ host: '::1', port: 10912 });
    expect(parseHostPort('[fe80::1%eth0]:80')).toEqual({ host: 'fe80::1%eth0', port: 80 });
  });

  it('refuses text that is not host:port', () => {
    for (const bad of [
      '',
      'localhost',
      ':9876',
      '[]:9876',
      'host:',
      'host:0',
      'host:65536',
      'host:12.5',
      'host:abc',
      'host:-1',
      'host: 80',
      'host:0x50',
      'host:1e3',
      'a b:80',
      'a;b:80',
      '[[::1]]:80',
    ]) {
      expect(parseHostPort(bad), bad).toBeUndefined();
    }
  });

  it('splitHostPort keeps the port text unchecked for parsers with their own rules', () => {
    expect(splitHostPort('[::1]:0')).toEqual({ host: '::1', portText: '0' });
    expect(splitHostPort('no-port')).toBeUndefined();
    // Only a matched pair of brackets is dropped.
    expect(splitHostPort('[::1:80')).toEqual({ host: '[::1', portText: '80' });
  });

  it('hostOfAddress is the host, or the whole text without a port', () => {
    expect(hostOfAddress('10.0.0.7:10911')).toBe('10.0.0.7');
    expect(hostOfAddress('::ffff:127.0.0.1:52011')).toBe('::ffff:127.0.0.1');
    expect(hostOfAddress('[::1]:52011')).toBe('::1');
    expect(hostOfAddress('10.0.0.7')).toBe('10.0.0.7');
  });
});

describe('Base > splitAddressList', () => {
  it('splits on ";", trims, and drops blanks as Java does', () => {
    expect(splitAddressList('a:1;b:2')).toEqual(['a:1', 'b:2']);
    expect(splitAddressList(' a:1 ; ;b:2; ')).toEqual(['a:1', 'b:2']);
    expect(splitAddressList('')).toEqual([]);
  });

  it('trims and filters a list given as an array the same way', () => {
    expect(splitAddressList([' a:1', '', 'b:2 '])).toEqual(['a:1', 'b:2']);
  });
});
