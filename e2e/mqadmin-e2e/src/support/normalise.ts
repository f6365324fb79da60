/**
 * What the mqadmin suite masks before comparing our cluster's output with Apache's
 * (docs/admin.md#the-mqadmin-suite), and why:
 *
 * - the cluster's own name server and broker addresses → `<namesrv>` / `<broker>`: each cluster
 *   runs on its own free ports;
 * - message ids (32 hex digits) → `<msgid>`: they embed the broker address and a process-unique part;
 * - client ids (`ip@instance`) and every other `ip:port` → `<clientId>` / `<addr>`: clients pick
 *   their own instance names and ephemeral ports;
 * - dates and epoch milliseconds → `<time>` / `<ms>`: runs happen at different moments;
 * - decimal figures → `<n.n>`: rates (TPS) depend on timing; whole counters (offsets, message
 *   counts, queue ids) are kept, since both clusters see the same traffic;
 * - runs of spaces → one space: columns are padded to the width of the values just masked.
 */
export interface ClusterAddresses {
  readonly namesrvAddr: string;
  readonly brokerAddr: string;
}

export function normalise(text: string, addresses: ClusterAddresses): string {
  let out = text.split(addresses.brokerAddr).join('<broker>').split(addresses.namesrvAddr).join('<namesrv>');
  out = out
    .replace(/\b[0-9A-F]{32}\b/g, '<msgid>')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}@[\w.-]+/g, '<clientId>')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}:\d+\b/g, '<addr>')
    .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:,\d{3})?/g, '<time>')
    .replace(/\b\d{13}\b/g, '<ms>')
    .replace(/-?\d+\.\d+(?:E-?\d+)?/g, '<n.n>');
  return out
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n+$/, '');
}

/** `key : value` or `key = value` lines (brokerStatus, getBrokerConfig, getNamesrvConfig) as a map. */
export function keyValueLines(text: string, separator: ':' | '='): Map<string, string> {
  const table = new Map<string, string>();
  for (const line of text.split('\n')) {
    const at = line.indexOf(separator);
    if (at <= 0 || line.startsWith('=====')) continue;
    table.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return table;
}
