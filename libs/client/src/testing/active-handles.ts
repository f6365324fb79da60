import { waitFor } from '@rocketmq-ts/testing';

// Leak checks for "shutdown leaves no sockets or timers": compare Node's active resources before
// a client's life and after its shutdown.

export type ResourceCounts = Readonly<Record<string, number>>;

/** The active resources by type, once no connect of an earlier test is still being torn down. */
export async function activeHandleBaseline(): Promise<ResourceCounts> {
  await waitFor(() => !process.getActiveResourcesInfo().includes('ConnectWrap'), {
    timeoutMs: 5_000,
    intervalMs: 20,
    reason: 'no connect in flight',
  });
  return countByType(process.getActiveResourcesInfo());
}

/**
 * Resource types of which there are more now than in `before` (timers, sockets, connects left
 * behind). Node releases a destroyed socket's handle and its refused connect request a loop turn or
 * two after the 'close' event a shutdown awaits; a real leak never settles, so this waits (bounded)
 * for the baseline first. Polled with setImmediate, not timers: a polling timer would itself show
 * up as a 'Timeout'.
 */
export async function handlesGrownSince(before: ResourceCounts): Promise<string[]> {
  const grown = (): string[] => excess(before, countByType(process.getActiveResourcesInfo()));
  for (let turn = 0; turn < 1_000 && grown().length > 0; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  return grown();
}

function countByType(resources: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const resource of resources) counts[resource] = (counts[resource] ?? 0) + 1;
  return counts;
}

function excess(before: ResourceCounts, after: ResourceCounts): string[] {
  return Object.entries(after)
    .filter(([type, count]) => count > (before[type] ?? 0))
    .map(([type, count]) => `${type}: ${before[type] ?? 0} -> ${count}`);
}
