/**
 * Listening TCP sockets from Linux's /proc/net/tcp and /proc/net/tcp6. Each row's
 * local_address is `ADDR:PORT` in hex; the address is the kernel's in-memory words, so IPv4 reads
 * byte-reversed on little-endian machines (0100007F = 127.0.0.1), and IPv6 as four such words.
 */
import { at } from '@rocketmq-ts/base';

export interface ListeningSocket {
  /** Dotted IPv4 or full-form lowercase IPv6 without zero compression, e.g. `0:0:0:0:0:0:0:1`. */
  readonly ip: string;
  readonly port: number;
  /** Socket inode: /proc/<pid>/fd/* links to `socket:[inode]`. */
  readonly inode: string;
}

const TCP_LISTEN = '0A';

export function parseProcNetTcp(text: string): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || fields[3] !== TCP_LISTEN) continue;
    const [addressHex, portHex] = at(fields, 1, 'socket fields').split(':');
    if (addressHex === undefined || portHex === undefined) continue;
    const ip = addressHex.length === 8 ? ipv4Of(addressHex) : addressHex.length === 32 ? ipv6Of(addressHex) : undefined;
    if (ip === undefined) continue;
    sockets.push({ ip, port: Number.parseInt(portHex, 16), inode: at(fields, 9, 'socket fields') });
  }
  return sockets;
}

/** One little-endian 32-bit word as its four network-order bytes. */
function wordBytes(hex: string): number[] {
  const word = Number.parseInt(hex, 16);
  return [word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, (word >>> 24) & 0xff];
}

function ipv4Of(hex: string): string {
  return wordBytes(hex).join('.');
}

function ipv6Of(hex: string): string {
  const bytes = [0, 8, 16, 24].flatMap((start) => wordBytes(hex.slice(start, start + 8)));
  const groups: string[] = [];
  for (let index = 0; index < 16; index += 2)
    groups.push(((at(bytes, index, 'address bytes') << 8) | at(bytes, index + 1, 'address bytes')).toString(16));
  const text = groups.join(':');
  // An IPv4-mapped address is how a dual-stack socket bound to an IPv4 address shows up.
  return text.startsWith('0:0:0:0:0:ffff:') ? `::ffff:${bytes.slice(12).join('.')}` : text;
}

const WILDCARDS = new Set(['0.0.0.0', '0:0:0:0:0:0:0:0']);

/** Whether a listener on `socket` accepts connections to `ip:port` (its own address or a wildcard). */
export function acceptsOn(socket: ListeningSocket, ip: string, port: number): boolean {
  return socket.port === port && (WILDCARDS.has(socket.ip) || socket.ip === ip || socket.ip === `::ffff:${ip}`);
}
