import { randomInt } from 'node:crypto';
import { networkInterfaces } from 'node:os';

import { formatIpAddress, parseIpAddress } from '@rocketmq-ts/model';

/**
 * This host's address for UNIQ_KEY and the client id: the first non-internal IPv4, as Java's
 * UtilAll.getIP prefers, else loopback (a lone test box still gets valid ids).
 */
export function localIpBytes(): Uint8Array {
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family === 'IPv4' && !entry.internal) {
        const ip = parseIpAddress(entry.address);
        if (ip) return ip;
      }
    }
  }
  return Uint8Array.of(127, 0, 0, 1);
}

/** `ip@pid#random`: unique per producer instance, so two producers in one process never share a broker-side entry. */
export function createClientId(ip: Uint8Array): string {
  return `${formatIpAddress(ip)}@${process.pid}#${randomInt(0, 2 ** 47)}`;
}
