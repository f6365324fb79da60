import { commitLogMaxOffset } from './cluster-admin';
import { commitLogPrefix } from './commit-log-prefix';
import { waitFor } from './wait-for';

export interface SettledCommitLogs {
  /** The offset every replica's commit log ends at. */
  readonly maxOffset: number;
  /** Replicas whose bytes up to it differ from the first replica's: none when they agree. */
  readonly differing: readonly string[];
}

/**
 * Once a replica set is idle: waits until every commit log ends at one offset (> 0), then compares
 * their bytes up to it with the first replica's. The check every failover suite ends with.
 */
export async function settledCommitLogs(
  replicas: readonly { readonly addr: string; readonly storeRoot: string }[],
  timeoutMs = 120_000,
): Promise<SettledCommitLogs> {
  const maxOffset = await waitFor(
    async () => {
      const offsets = await Promise.all(replicas.map((replica) => commitLogMaxOffset(replica.addr)));
      return offsets.every((offset) => offset === offsets[0] && offset > 0) ? offsets[0] : undefined;
    },
    { timeoutMs, intervalMs: 500, reason: `all ${replicas.length} commit logs end at the same offset` },
  );
  const [first, ...others] = replicas;
  if (first === undefined) return { maxOffset, differing: [] };
  const reference = commitLogPrefix(first.storeRoot, maxOffset);
  const differing = others
    .filter((replica) => !commitLogPrefix(replica.storeRoot, maxOffset).equals(reference))
    .map((replica) => `${replica.addr} differs from ${first.addr}`);
  return { maxOffset, differing };
}
