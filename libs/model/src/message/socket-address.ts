/**
 * Host fields of a message record and of message ids: an IPv4 (4 bytes) or IPv6 (16 bytes)
 * address plus a port. Parsing happens once per connection or per broker, never per message, so
 * records carry the parsed bytes.
 *
 * Text forms accepted: `a.b.c.d:port`, `[v6]:port`, and Java's unbracketed `v6:port` (the port is
 * after the last colon, as RocketMQ's `string2SocketAddress` reads it). An IPv4-mapped IPv6
 * address such as Node's `::ffff:10.0.0.1` becomes plain IPv4, as Java's InetAddress does, so the
 * record's IPv6 sysFlag bits are set only for real IPv6 peers (docs/remoting-protocol.md#message-records).
 */
import { at, splitHostPort } from '@rocketmq-ts/base';

export interface SocketAddress {
  /** Network-order address: 4 bytes for IPv4, 16 bytes for IPv6. */
  readonly ip: Uint8Array;
  readonly port: number;
}

export const IPV4_BYTES = 4;
export const IPV6_BYTES = 16;

export function isIpv6Address(address: SocketAddress): boolean {
  return address.ip.length === IPV6_BYTES;
}

/** Parses an `ip:port` string; undefined when either part is malformed. */
export function parseSocketAddress(text: string): SocketAddress | undefined {
  const parts = splitHostPort(text);
  return parts === undefined ? undefined : socketAddressOf(parts.host, Number.parseInt(parts.portText, 10), parts.portText);
}

/**
 * Builds an address from an IP string and a port, e.g. Node's `socket.remoteAddress` and
 * `socket.remotePort`. Undefined when the IP does not parse or the port is outside 0..65535.
 */
export function socketAddressOf(ipText: string, port: number, portText = String(port)): SocketAddress | undefined {
  if (!/^\d{1,5}$/.test(portText) || !(port >= 0 && port <= 0xffff)) return undefined;
  const ip = parseIpAddress(ipText);
  return ip ? { ip, port } : undefined;
}

/** Parses an IPv4 or IPv6 literal; IPv4-mapped IPv6 comes back as 4 bytes. */
export function parseIpAddress(text: string): Uint8Array | undefined {
  if (!text.includes(':')) return parseIpv4(text);
  const ipv6 = parseIpv6(text);
  if (!ipv6) return undefined;
  return isIpv4Mapped(ipv6) ? ipv6.slice(12) : ipv6;
}

/** Java's `getHostAddress()` form: dotted IPv4, or eight uncompressed lowercase hex groups. */
export function formatIpAddress(ip: Uint8Array): string {
  if (ip.length === IPV4_BYTES) return `${ip[0]}.${ip[1]}.${ip[2]}.${ip[3]}`;
  const groups: string[] = [];
  for (let i = 0; i < ip.length; i += 2) groups.push(((at(ip, i, 'address bytes') << 8) | at(ip, i + 1, 'address bytes')).toString(16));
  return groups.join(':');
}

/** `ip:port` as RocketMQ prints broker and client addresses (IPv6 unbracketed, like Java). */
export function formatSocketAddress(address: SocketAddress): string {
  return `${formatIpAddress(address.ip)}:${address.port}`;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const ip = new Uint8Array(IPV4_BYTES);
  for (let i = 0; i < 4; i++) {
    const part = at(parts, i, 'address parts');
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    ip[i] = value;
  }
  return ip;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const zone = text.indexOf('%');
  const address = zone >= 0 ? text.slice(0, zone) : text;
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(at(halves, 0, 'address halves'));
  const tail = halves.length === 2 ? parseGroups(at(halves, 1, 'address halves')) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const ip = new Uint8Array(IPV6_BYTES);
  groups.forEach((group, index) => {
    ip[index * 2] = group >>> 8;
    ip[index * 2 + 1] = group & 0xff;
  });
  return ip;
}

/** Hex groups of one side of `::`; a trailing dotted quad counts as two groups. */
function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (let i = 0; i < parts.length; i++) {
    const part = at(parts, i, 'address parts');
    if (i === parts.length - 1 && part.includes('.')) {
      const ipv4 = parseIpv4(part);
      if (!ipv4) return undefined;
      groups.push(
        (at(ipv4, 0, 'ipv4 bytes') << 8) | at(ipv4, 1, 'ipv4 bytes'),
        (at(ipv4, 2, 'ipv4 bytes') << 8) | at(ipv4, 3, 'ipv4 bytes'),
      );
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
      groups.push(Number.parseInt(part, 16));
    }
  }
  return groups;
}

function isIpv4Mapped(ip: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (ip[i] !== 0) return false;
  return ip[10] === 0xff && ip[11] === 0xff;
}
