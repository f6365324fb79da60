import { PushConsumer } from '@rocketmq-ts/client';

import { type Ack, idOfBody, sleep } from './send-load';

export interface Delivery {
  readonly brokerName: string;
  readonly queueId: number;
  readonly queueOffset: number;
  readonly atMs: number;
}

/**
 * A push consumer group that records every delivery by message id (duplicates included). `hold()`
 * blocks its listener (the group keeps running; with a small pull threshold its queues stop
 * pulling), so that a backlog builds up on the brokers; `release()` lets it go on.
 */
export class ConsumeLedger {
  readonly deliveries = new Map<string, Delivery[]>();
  private readonly consumer: PushConsumer;
  private gate: { promise: Promise<void>; open: () => void } | undefined;

  constructor(namesrvAddr: string, group: string, topic: string, options: { routeRefreshIntervalMs: number }) {
    this.consumer = new PushConsumer({
      namesrvAddr,
      consumerGroup: group,
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      routeRefreshIntervalMs: options.routeRefreshIntervalMs,
      persistConsumerOffsetIntervalMs: 1_000,
      pullThresholdForQueue: 16,
    });
    this.consumer.subscribe(topic, '*');
    this.consumer.onMessage(async (message) => {
      if (this.gate !== undefined) await this.gate.promise;
      const id = idOfBody(message.body);
      const list = this.deliveries.get(id) ?? [];
      list.push({ brokerName: message.brokerName, queueId: message.queueId, queueOffset: message.queueOffset, atMs: Date.now() });
      this.deliveries.set(id, list);
    });
  }

  start(): Promise<void> {
    return this.consumer.start();
  }

  shutdown(): Promise<void> {
    this.release();
    return this.consumer.shutdown();
  }

  hold(): void {
    if (this.gate !== undefined) return;
    let open = (): void => undefined;
    const promise = new Promise<void>((resolve) => {
      open = resolve;
    });
    this.gate = { promise, open };
  }

  release(): void {
    this.gate?.open();
    this.gate = undefined;
  }

  /** Deliveries of `brokerName`'s messages between two instants. */
  deliveredBetween(brokerName: string, fromMs: number, toMs: number): number {
    let count = 0;
    for (const list of this.deliveries.values()) {
      for (const delivery of list) if (delivery.brokerName === brokerName && delivery.atMs >= fromMs && delivery.atMs < toMs) count += 1;
    }
    return count;
  }

  /** The acks not delivered yet. */
  missing(acks: readonly Ack[]): Ack[] {
    return acks.filter((ack) => !this.deliveries.has(ack.id));
  }

  /** Deliveries beyond the first of each message. */
  duplicates(): number {
    let extra = 0;
    for (const list of this.deliveries.values()) extra += list.length - 1;
    return extra;
  }

  /** Waits until every ack in `acks` was delivered; returns the ones still missing at the deadline. */
  async waitForAll(acks: readonly Ack[], timeoutMs: number): Promise<Ack[]> {
    const deadline = Date.now() + timeoutMs;
    let missing = this.missing(acks);
    while (missing.length > 0 && Date.now() < deadline) {
      await sleep(250);
      missing = this.missing(missing);
    }
    return missing;
  }
}
