import { setTimeout as sleep } from 'node:timers/promises';

import type { Logger } from '@rocketmq-ts/base';
import { type MessageExt, PushConsumer } from '@rocketmq-ts/client';

import type { ConsumerOptions } from '../config/scenario-options';
import type { RunMetrics } from '../metrics/run-metrics';
import type { Ledger } from './ledger';
import { RUN_PROPERTY, SEQ_PROPERTY } from './message-factory';

/** Set by ordering scenarios: the shard key and the message's place in it. */
export const ORDER_KEY_PROPERTY = 'LT_KEY';
export const ORDER_SEQ_PROPERTY = 'LT_KSEQ';

export interface ConsumerPoolOptions {
  readonly namesrvAddr: string;
  readonly topic: string;
  readonly group: string;
  readonly testid: string;
  /** Consumers start from this store time (the run's start), so older messages of the topic are skipped. */
  readonly fromTimestamp: number;
  readonly routeRefreshIntervalMs: number;
  readonly logger: Logger;
}

/** Where consumed messages are checked and counted: expected sizes, the send ledger, the run's metrics. */
export interface ConsumerPoolChecks {
  readonly expectedSize: (seq: number) => number;
  readonly ledger: Ledger;
  readonly metrics: RunMetrics;
}

/**
 * The run's push consumers, one group. Each delivered message of this run (others are ignored) is
 * checked (body size as sent, order within its shard key for orderly scenarios) and entered in the
 * ledger; `maxRate` paces delivery to make a slow consumer.
 */
export class ConsumerPool {
  private readonly consumers: PushConsumer[] = [];
  private readonly lastInKey = new Map<string, number>();
  private nextSlotAt = 0;

  private readonly expectedSize: (seq: number) => number;
  private readonly ledger: Ledger;
  private readonly metrics: RunMetrics;

  constructor(
    private readonly options: ConsumerPoolOptions,
    private readonly settings: ConsumerOptions,
    checks: ConsumerPoolChecks,
  ) {
    ({ expectedSize: this.expectedSize, ledger: this.ledger, metrics: this.metrics } = checks);
  }

  async start(): Promise<void> {
    for (let index = 0; index < (this.settings.count ?? 0); index += 1) {
      const consumer = new PushConsumer({
        namesrvAddr: this.options.namesrvAddr,
        consumerGroup: this.options.group,
        instanceName: `loadtest-${process.pid}-${index}`,
        consumeFromWhere: 'CONSUME_FROM_TIMESTAMP',
        consumeTimestamp: this.options.fromTimestamp,
        routeRefreshIntervalMs: this.options.routeRefreshIntervalMs,
        rebalanceIntervalMs: 2_000,
        logger: this.options.logger,
      });
      consumer.subscribe(this.options.topic);
      if (this.settings.orderly === true) consumer.onMessageOrderly((message) => this.deliver(message));
      else consumer.onMessage((message) => this.deliver(message));
      this.consumers.push(consumer);
    }
    await Promise.all(this.consumers.map((consumer) => consumer.start()));
  }

  async shutdown(): Promise<void> {
    await Promise.allSettled(this.consumers.map((consumer) => consumer.shutdown()));
  }

  private async deliver(message: MessageExt): Promise<void> {
    if (message.properties[RUN_PROPERTY] !== this.options.testid) return;
    await this.pace();
    const seq = Number(message.properties[SEQ_PROPERTY]);
    this.metrics.consumedOne();
    this.metrics.check('body intact', message.body.length === this.expectedSize(seq));
    const key = message.properties[ORDER_KEY_PROPERTY];
    if (key !== undefined) {
      const place = Number(message.properties[ORDER_SEQ_PROPERTY]);
      const last = this.lastInKey.get(key) ?? -1;
      // A redelivery of an already consumed message (after a rebalance restarts from the committed offset) is at-least-once, not disorder.
      if (place > last || !this.ledger.wasConsumed(seq)) this.metrics.check('in order', place > last);
      this.lastInKey.set(key, Math.max(last, place));
    }
    this.ledger.consumed(seq);
  }

  private async pace(): Promise<void> {
    const maxRate = this.settings.maxRate;
    if (maxRate === undefined) return;
    const now = performance.now();
    const slot = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = slot + 1000 / maxRate;
    if (slot > now) await sleep(slot - now);
  }
}
