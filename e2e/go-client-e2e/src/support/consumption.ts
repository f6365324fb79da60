import { setTimeout as sleep } from 'node:timers/promises';

import { waitFor } from '@rocketmq-ts/testing';

import type { ReceivedEvent } from './driver-events';
import type { GoConsumer } from './go-driver';
import { queueKey } from './topics';

// Waiting on what Go consumers were handed.

/** How long a scenario keeps listening after the last expected message, for duplicates or strays. */
const SETTLE_MS = 1_500;

/**
 * Waits until every consumer of a group reports a share of `topic` computed with all of them as
 * members, and the shares split `queueKeys` with no queue owned twice. Returns each one's share.
 */
export async function waitForShares(consumers: readonly GoConsumer[], topic: string, queueKeys: readonly string[]): Promise<string[][]> {
  return waitFor(
    () => {
      const shares = consumers.map((consumer) => consumer.allocation(topic));
      if (shares.some((share) => share === undefined || share.members.length !== consumers.length)) return false;
      const keys = shares.map((share) => (share?.queues ?? []).map(queueKey).sort());
      const owned = keys.flat().sort();
      return JSON.stringify(owned) === JSON.stringify([...queueKeys].sort()) ? keys : false;
    },
    { timeoutMs: 60_000, intervalMs: 200, reason: `${consumers.length} Go consumer(s) sharing the ${queueKeys.length} queues of ${topic}` },
  );
}

/** Messages the consumer acknowledged (ConsumeSuccess), by body. */
export function successes(consumer: GoConsumer): ReceivedEvent[] {
  return consumer.received().filter((event) => event.result === 'SUCCESS');
}

/**
 * Waits until each body of `bodies` was acknowledged by one of `consumers` (each of them, with
 * `each`), then listens a little longer so that a duplicate or a stray message would show.
 */
export async function waitForBodies(
  consumers: readonly GoConsumer[],
  bodies: readonly string[],
  options: { each?: boolean; timeoutMs?: number; reason: string },
): Promise<void> {
  const covered = (group: readonly GoConsumer[]): boolean => {
    const seen = new Set(group.flatMap((consumer) => successes(consumer).map((event) => event.body)));
    return bodies.every((body) => seen.has(body));
  };
  await waitFor(() => (options.each ? consumers.every((consumer) => covered([consumer])) : covered(consumers)), {
    timeoutMs: options.timeoutMs ?? 60_000,
    intervalMs: 200,
    reason: options.reason,
  });
  await sleep(SETTLE_MS);
}

/** Bodies in the order the consumer was handed them. */
export function bodiesIn(events: readonly ReceivedEvent[]): string[] {
  return events.map((event) => event.body);
}
