// `host:port` text, as RocketMQ writes broker, name-server, controller and peer addresses
// (docs/remoting-protocol.md#addresses). The port follows the LAST colon, as Java's
// RemotingHelper.string2SocketAddress reads it, so an IPv6 host may stand bare (`::1:10911`) or in
// brackets (`[::1]:10911`); the brackets are dropped, since net.connect and the ACL's IP matching
// want the bare address. Every parser of an address in the repository goes through here, so an
// IPv6 address means the same to the client, the broker, HA, Raft and the tools.

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** Host and port text of `host:port`, brackets dropped; undefined without a colon. No validation. */
export function splitHostPort(address: string): { readonly host: string; readonly portText: string } | undefined {
  const colon = address.lastIndexOf(':');
  if (colon < 0) return undefined;
  const rawHost = address.slice(0, colon);
  const host = rawHost.length >= 2 && rawHost.startsWith('[') && rawHost.endsWith(']') ? rawHost.slice(1, -1) : rawHost;
  return { host, portText: address.slice(colon + 1) };
}

/** A host with no blank, list separator or stray bracket in it. */
const HOST = /^[^\s;[\]]+$/;
/** Decimal digits only, as Integer.parseInt reads a port (no sign, blank, hex or exponent). */
const PORT = /^\d{1,5}$/;

/**
 * `host:port` with a plausible host and a port in 1..65535; undefined otherwise (callers word
 * their own error). Config validation and connecting use this one rule.
 */
export function parseHostPort(address: string): HostPort | undefined {
  const parts = splitHostPort(address);
  if (parts === undefined || !HOST.test(parts.host) || !PORT.test(parts.portText)) return undefined;
  const port = Number(parts.portText);
  return port >= 1 && port <= 65_535 ? { host: parts.host, port } : undefined;
}

/** The host of `host:port` (brackets dropped), or the whole text when it has no port. */
export function hostOfAddress(address: string): string {
  return splitHostPort(address)?.host ?? address;
}

/**
 * The entries of a `;`-separated address list (namesrvAddr, controllerAddr, ...), trimmed, blanks
 * dropped: Java accepts `a:9876; b:9876;`. A list already split is trimmed and filtered the same way.
 */
export function splitAddressList(list: string | readonly string[]): string[] {
  const entries = typeof list === 'string' ? list.split(';') : list;
  return entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
}
