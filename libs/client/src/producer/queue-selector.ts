import type { MessageQueue } from '@rocketmq-ts/model';

import type { TopicPublishInfo } from '../route/topic-publish-info';

/**
 * Round robin over a topic's writable master queues. On a retry the broker that just failed is
 * skipped when another one has queues, so a dead or busy broker costs one attempt, not all.
 */
export class QueueSelector {
  /** Per-topic position; starts at a random place so many producers do not all hit queue 0 first. */
  private readonly positions = new Map<string, number>();

  select(info: TopicPublishInfo, avoidBrokerName?: string): MessageQueue | undefined {
    const { queues } = info;
    if (queues.length === 0) return undefined;
    const start = this.advance(info.topic);
    if (avoidBrokerName !== undefined) {
      for (let step = 0; step < queues.length; step += 1) {
        const queue = queues[(start + step) % queues.length];
        if (queue !== undefined && queue.brokerName !== avoidBrokerName) {
          // Keep the rotation moving past what we picked, so the next send goes on from here.
          this.positions.set(info.topic, start + step);
          return queue;
        }
      }
    }
    return queues[start % queues.length];
  }

  private advance(topic: string): number {
    const next = (this.positions.get(topic) ?? Math.floor(Math.random() * 0x7fff)) + 1;
    // Wrap well before 2^53 while staying non-negative.
    const position = next > 0x3fffffff ? 0 : next;
    this.positions.set(topic, position);
    return position;
  }
}
