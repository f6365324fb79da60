/** `host:port` (IPv6 as `[::1]:10912`) → its parts; undefined when it is not an address. */
export function parseHostPort(address: string): { readonly host: string; readonly port: number } | undefined {
  const colon = address.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const rawHost = address.slice(0, colon);
  const host = rawHost.startsWith('[') && rawHost.endsWith(']') ? rawHost.slice(1, -1) : rawHost;
  const port = Number(address.slice(colon + 1));
  if (host.length === 0 || !Number.isInteger(port) || port <= 0 || port > 65_535) return undefined;
  return { host, port };
}
