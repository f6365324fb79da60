import { describe, expect, it } from 'vitest';

import { acceptsOn, parseProcNetTcp } from './proc-net-tcp';

// Rows as Linux prints them (x86, little-endian words): listeners on 0.0.0.0:2024, 127.0.0.1:39155,
// an established connection, and IPv6 listeners on [::]:9876, [::1]:10911 and ::ffff:127.0.0.1:8080.
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1597 1 0000000000000000 100 0 0 10 0
   1: 0100007F:98F3 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 592659 1 0000000000000000 100 0 0 10 0
   2: 0100007F:98F3 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 600001 1 0000000000000000 20 4 30 10 -1`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:2694 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 7001 1 0000000000000000 100 0 0 10 0
   1: 00000000000000000000000001000000:2A9F 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 7002 1 0000000000000000 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 7003 1 0000000000000000 100 0 0 10 0`;

describe('mqadmin > shutdown > /proc/net/tcp', () => {
  it('lists listening sockets only, with addresses in network order', () => {
    expect(parseProcNetTcp(TCP)).toEqual([
      { ip: '0.0.0.0', port: 2024, inode: '1597' },
      { ip: '127.0.0.1', port: 39155, inode: '592659' },
    ]);
    expect(parseProcNetTcp(TCP6)).toEqual([
      { ip: '0:0:0:0:0:0:0:0', port: 9876, inode: '7001' },
      { ip: '0:0:0:0:0:0:0:1', port: 10911, inode: '7002' },
      { ip: '::ffff:127.0.0.1', port: 8080, inode: '7003' },
    ]);
  });

  it('matches a listener on the exact address, a wildcard or the IPv4-mapped form, on the same port only', () => {
    const wildcard = { ip: '0.0.0.0', port: 2024, inode: '1' };
    const loopback = { ip: '127.0.0.1', port: 39155, inode: '2' };
    const mapped = { ip: '::ffff:127.0.0.1', port: 8080, inode: '3' };
    expect(acceptsOn(wildcard, '10.0.0.5', 2024)).toBe(true);
    expect(acceptsOn(loopback, '127.0.0.1', 39155)).toBe(true);
    expect(acceptsOn(loopback, '10.0.0.5', 39155)).toBe(false);
    expect(acceptsOn(loopback, '127.0.0.1', 39156)).toBe(false);
    expect(acceptsOn(mapped, '127.0.0.1', 8080)).toBe(true);
  });
});
