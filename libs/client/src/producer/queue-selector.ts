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

  /**
   * Round robin restricted to brokers `isAvailable` accepts, preferring another broker than
   * `avoidBrokerName`; undefined when no queue's broker is available.
   */
  selectAvailable(
    info: TopicPublishInfo,
    avoidBrokerName: string | undefined,
    isAvailable: (brokerName: string) => boolean,
  ): MessageQueue | undefined {
    const { queues } = info;
    if (queues.length === 0) return undefined;
    const start = this.advance(info.topic);
    let fallback: number | undefined;
    for (let step = 0; step < queues.length; step += 1) {
      const queue = queues[(start + step) % queues.length] as MessageQueue;
      if (!isAvailable(queue.brokerName)) continue;
      if (queue.brokerName !== avoidBrokerName) {
        this.positions.set(info.topic, start + step);
        return queue;
      }
      fallback ??= step;
    }
    if (fallback === undefined) return undefined;
    this.positions.set(info.topic, start + fallback);
    return queues[(start + fallback) % queues.length];
  }

  /** The next queue of one broker, round robin within it; undefined when it has none in `info`. */
  selectOnBroker(info: TopicPublishInfo, brokerName: string): MessageQueue | undefined {
    const onBroker = info.queues.filter((queue) => queue.brokerName === brokerName);
    if (onBroker.length === 0) return undefined;
    return onBroker[this.advance(info.topic) % onBroker.length];
  }

  private advance(topic: string): number {
    const next = (this.positions.get(topic) ?? Math.floor(Math.random() * 0x7fff)) + 1;
    // Wrap well before 2^53 while staying non-negative.
    const position = next > 0x3fffffff ? 0 : next;
    this.positions.set(topic, position);
    return position;
  }
}
