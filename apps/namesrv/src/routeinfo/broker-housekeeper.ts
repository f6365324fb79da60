import { type Logger, silentLogger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';

import type { RouteInfoManager } from './route-info-manager';

export interface BrokerHousekeeperOptions {
  readonly routeInfoManager: RouteInfoManager;
  /** scanNotActiveBrokerInterval: how often to look for silent brokers (Java: 5 s). */
  readonly scanIntervalMs: number;
  readonly logger?: Logger;
  /** Where the scan interval is scheduled; real timers by default. */
  readonly timers?: Timers;
}

/**
 * Drops brokers that stopped talking. Brokers re-register every 30 s; one silent past its
 * heartbeat timeout (120 s unless its register said otherwise) is removed with its routes, so
 * clients stop being sent to it. Connection close removes a broker at once; this catches the
 * half-open connections that never close.
 */
export class BrokerHousekeeper {
  private timer: TimerHandle | undefined;
  private readonly logger: Logger;
  private readonly timers: Timers;

  constructor(private readonly options: BrokerHousekeeperOptions) {
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? systemClock;
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = this.timers.setInterval(() => this.scanOnce(), this.options.scanIntervalMs);
    // The scan alone must not keep the process alive during shutdown.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer === undefined) return;
    this.timers.clearInterval(this.timer);
    this.timer = undefined;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** One pass; returns the addresses removed. Errors are logged, never thrown out of the timer. */
  scanOnce(): string[] {
    try {
      const removed = this.options.routeInfoManager.scanNotActiveBroker();
      if (removed.length > 0) this.logger.info({ removed }, 'removed inactive brokers');
      return removed;
    } catch (error) {
      this.logger.error({ err: error }, 'broker liveness scan failed');
      return [];
    }
  }
}
