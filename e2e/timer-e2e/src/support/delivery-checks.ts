import { percentile } from '@rocketmq-ts/base';

import type { Delivery } from './timer-java';

/** receivedAt − deliverAt of each delivery (negative = early). */
export function latenessMs(deliveries: readonly Delivery[]): number[] {
  return deliveries.map((delivery) => delivery.receivedAt - delivery.deliverAt);
}

/** Copies the broker stored (distinct queue/offset pairs): more than the keys means a re-delivery. */
export function storedCopies(deliveries: readonly Delivery[]): number {
  return new Set(deliveries.map((delivery) => `${delivery.queueId}:${delivery.queueOffset}`)).size;
}

/**
 * Places where a queue holds a later second before an earlier one: in each queue, by queue offset,
 * the delivery second must never go down. A second is a slot as both brokers cut them: (s − 1, s]
 * in units of `precisionMs`, since a time on a boundary is due at that boundary.
 *
 * Only the first stored copy of each key counts. A broker restarted after a SIGKILL rewinds its
 * timer to the last checkpoint and stores again what it had already delivered after it (Apache
 * re-stores ~2 s worth, ours at most one put); those copies are counted by `storedCopies`, and an
 * old second appended after a newer one is the re-delivery itself, not a wheel out of order.
 */
export function outOfOrder(deliveries: readonly Delivery[], precisionMs: number): string[] {
  const byQueue = new Map<number, Map<number, Delivery>>();
  for (const delivery of firstStoredCopies(deliveries)) {
    const queue = byQueue.get(delivery.queueId) ?? new Map<number, Delivery>();
    queue.set(delivery.queueOffset, delivery);
    byQueue.set(delivery.queueId, queue);
  }
  const violations: string[] = [];
  for (const [queueId, queue] of byQueue) {
    let previous: Delivery | undefined;
    for (const delivery of [...queue.values()].sort((left, right) => left.queueOffset - right.queueOffset)) {
      const second = slotOf(delivery.deliverAt, precisionMs);
      if (previous !== undefined && second < slotOf(previous.deliverAt, precisionMs)) {
        violations.push(
          `queue ${queueId} offset ${delivery.queueOffset} (${delivery.key} due ${delivery.deliverAt}) after offset ${previous.queueOffset} (${previous.key} due ${previous.deliverAt})`,
        );
      }
      previous = delivery;
    }
  }
  return violations;
}

export function summarize(label: string, values: readonly number[]): string {
  return `${label}: p50 ${percentile(values, 50)} ms, p99 ${percentile(values, 99)} ms, max ${Math.max(...values)} ms, min ${Math.min(...values)} ms`;
}

/** For each key, the delivery of its copy stored first (lowest queue offset; queues by id). */
function firstStoredCopies(deliveries: readonly Delivery[]): Delivery[] {
  const first = new Map<string, Delivery>();
  for (const delivery of deliveries) {
    const seen = first.get(delivery.key);
    if (seen === undefined || storedBefore(delivery, seen)) first.set(delivery.key, delivery);
  }
  return [...first.values()];
}

function storedBefore(left: Delivery, right: Delivery): boolean {
  return left.queueId === right.queueId ? left.queueOffset < right.queueOffset : left.queueId < right.queueId;
}

function slotOf(deliverAt: number, precisionMs: number): number {
  return Math.ceil(deliverAt / precisionMs);
}
