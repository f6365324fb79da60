/**
 * `ip:port` as RocketMQ prints a peer (RemotingHelper.parseChannelRemoteAddr). Node reports IPv4
 * peers of a dual-stack socket as `::ffff:1.2.3.4`; the namesrv keys brokers by this string, so the
 * mapped prefix is dropped to match what Java would show.
 */
export function formatRemoteAddress(address: string | undefined, port: number | undefined): string {
  const host = address?.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
  return `${host ?? 'unknown'}:${port ?? 0}`;
}
