import { type Clock, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';

import type { ConsumerManager } from './consumer-manager';
import type { ProducerManager } from './producer-manager';

/** Java's ClientHousekeepingService period. */
export const CLIENT_SCAN_INTERVAL_MS = 10_000;

/**
 * Every 10 s, drops producers and consumers whose last heartbeat is older than
 * channelExpiredTimeout (120 s). The scan itself is `scanOnce`, driven directly by specs with a
 * ManualClock; the timer is unref'd so it never holds the process open.
 */
export interface ClientHousekeeperParts {
  readonly producers: ProducerManager;
  readonly consumers: ConsumerManager;
  readonly clock: Clock;
  /** Default: CLIENT_SCAN_INTERVAL_MS. */
  readonly scanIntervalMs?: number;
  /** Default: real timers. */
  readonly timers?: Timers;
}

export class ClientHousekeeper {
  private timer: TimerHandle | undefined;
  private readonly producers: ProducerManager;
  private readonly consumers: ConsumerManager;
  private readonly clock: Clock;
  private readonly scanIntervalMs: number;
  private readonly timers: Timers;

  constructor(parts: ClientHousekeeperParts) {
    ({ producers: this.producers, consumers: this.consumers, clock: this.clock } = parts);
    this.scanIntervalMs = parts.scanIntervalMs ?? CLIENT_SCAN_INTERVAL_MS;
    this.timers = parts.timers ?? systemClock;
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = this.timers.setInterval(() => this.scanOnce(), this.scanIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.timers.clearInterval(this.timer);
    this.timer = undefined;
  }

  scanOnce(): void {
    const nowMs = this.clock.nowMs();
    this.producers.scanNotActiveChannel(nowMs);
    this.consumers.scanNotActiveChannel(nowMs);
  }
}
