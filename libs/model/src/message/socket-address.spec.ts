// Proves host parsing and printing: the text forms RocketMQ and Node produce, IPv4-mapped IPv6
// folding to IPv4 (so records carry the IPv6 flag only for real IPv6 peers), and rejection of
// malformed input without throwing.
import { describe, expect, it } from 'vitest';

import { formatIpAddress, formatSocketAddress, isIpv6Address, parseIpAddress, parseSocketAddress, socketAddressOf } from './socket-address';

const bytes = (ip: Uint8Array | undefined): number[] | undefined => (ip ? [...ip] : undefined);

describe('Model > socket address', () => {
  it('parses IPv4 ip:port', () => {
    const address = parseSocketAddress('10.2.223.165:10911');
    expect(bytes(address?.ip)).toEqual([10, 2, 223, 165]);
    expect(address?.port).toBe(10911);
    expect(address && isIpv6Address(address)).toBe(false);
  });

  it('folds IPv4-mapped IPv6 (what Node reports on dual-stack sockets) to IPv4', () => {
    expect(bytes(parseIpAddress('::ffff:192.168.1.10'))).toEqual([192, 168, 1, 10]);
    expect(bytes(parseIpAddress('::FFFF:c0a8:010a'))).toEqual([192, 168, 1, 10]);
    expect(bytes(parseSocketAddress('[::ffff:127.0.0.1]:50123')?.ip)).toEqual([127, 0, 0, 1]);
    expect(bytes(socketAddressOf('::ffff:127.0.0.1', 50123)?.ip)).toEqual([127, 0, 0, 1]);
  });

  it('parses bracketed, compressed, Java-style and zoned IPv6', () => {
    const loopback = [...new Array<number>(15).fill(0), 1];
    expect(bytes(parseSocketAddress('[::1]:10911')?.ip)).toEqual(loopback);
    expect(bytes(parseSocketAddress('0:0:0:0:0:0:0:1:10911')?.ip)).toEqual(loopback);
    expect(parseSocketAddress('0:0:0:0:0:0:0:1:10911')?.port).toBe(10911);
    expect(bytes(parseIpAddress('fe80::1%eth0'))).toEqual([0xfe, 0x80, ...new Array<number>(13).fill(0), 1]);
    expect(bytes(parseIpAddress('2001:db8::8a2e:370:7334'))).toEqual([
      0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0x8a, 0x2e, 0x03, 0x70, 0x73, 0x34,
    ]);
    expect(parseIpAddress('::')?.length).toBe(16);
  });

  it('prints like Java: dotted IPv4, and uncompressed unbracketed IPv6', () => {
    expect(formatSocketAddress({ ip: Uint8Array.from([10, 0, 0, 1]), port: 9876 })).toBe('10.0.0.1:9876');
    const ipv6 = parseIpAddress('2001:db8::1') as Uint8Array;
    expect(formatIpAddress(ipv6)).toBe('2001:db8:0:0:0:0:0:1');
    expect(formatSocketAddress({ ip: ipv6, port: 10911 })).toBe('2001:db8:0:0:0:0:0:1:10911');
    expect(bytes(parseSocketAddress(formatSocketAddress({ ip: ipv6, port: 10911 }))?.ip)).toEqual([...ipv6]);
  });

  it.each([
    '',
    '10.0.0.1',
    '10.0.0.256:1',
    '10.0.0:1',
    '1.2.3.4:65536',
    '1.2.3.4:-1',
    '1.2.3.4:x',
    'host:10911',
    '[::1]',
    '1::2::3:1',
    '1:2:3:4:5:6:7:8:9:1',
    '12345::1:1',
    '[::1:1',
  ])('rejects %j', (text) => {
    expect(parseSocketAddress(text)).toBeUndefined();
  });
});
