import { type Clock, type Logger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';

import type { ExporterConfig } from '../config/exporter-config.schema';
import { exporterCredentials, namesrvAddresses } from '../config/exporter-config.schema';
import type { ExporterMetrics } from '../metrics/exporter-metrics';
import { buildSnapshot } from '../snapshot/build-snapshot';
import { RateTracker } from '../snapshot/rate-tracker';
import { renderSnapshot } from '../snapshot/render-snapshot';
import { ClusterCollector } from './cluster-collector';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { ExporterAdminClient } from './exporter-admin-client';

export interface CollectionSchedulerOptions {
  readonly config: ExporterConfig;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly metrics: ExporterMetrics;
  /** Where the collection rounds are scheduled; real timers by default. */
  readonly timers?: Timers;
}

/** Where the last round stands, for /health. */
export interface CollectionStatus {
  readonly rounds: number;
  readonly lastRoundEndedAtMs: number | undefined;
  readonly namesrvsUp: number;
  readonly brokersUp: number;
  readonly brokersDown: number;
}

/**
 * Runs a collection round at start and then every collectIntervalMillis, one at a time (a round
 * still running when the next is due makes that one skip), and keeps the rendered text of the
 * last finished round for /metrics. Owns the admin client; `stop()` leaves no timer or socket.
 */
export class CollectionScheduler {
  private readonly admin: ExporterAdminClient;
  private readonly collector: ClusterCollector;
  private readonly rates = new RateTracker();
  private timer: TimerHandle | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private text = '';
  private status: CollectionStatus = { rounds: 0, lastRoundEndedAtMs: undefined, namesrvsUp: 0, brokersUp: 0, brokersDown: 0 };

  constructor(private readonly options: CollectionSchedulerOptions) {
    const { config, logger, clock, metrics } = options;
    this.admin = new ExporterAdminClient({
      namesrvAddrs: namesrvAddresses(config),
      limiter: new ConcurrencyLimiter(config.maxConcurrentRequests),
      timeoutMs: config.requestTimeoutMillis,
      logger: logger.child({ component: 'admin-client' }),
      onRequestFailed: (target, request) => metrics.collectErrorsTotal.labels(target, request).inc(),
      credentials: exporterCredentials(config),
    });
    this.collector = new ClusterCollector({
      admin: this.admin,
      namesrvAddrs: namesrvAddresses(config),
      maxTopicsPerBroker: config.maxTopicsPerBroker,
      maxGroupsPerBroker: config.maxGroupsPerBroker,
      forgetBrokerAfterMs: config.forgetBrokerAfterMillis,
      clock,
      logger: logger.child({ component: 'collector' }),
    });
  }

  start(): void {
    this.tick();
    this.timer = (this.options.timers ?? systemClock).setInterval(() => this.tick(), this.options.config.collectIntervalMillis);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    (this.options.timers ?? systemClock).clearInterval(this.timer);
    this.timer = undefined;
    // Closing first rejects what is pending, so a round against a hung broker ends now.
    await this.admin.close();
    await this.running;
  }

  /** Prometheus text of the last finished round; empty before the first one ends. */
  get snapshotText(): string {
    return this.text;
  }

  get collectionStatus(): CollectionStatus {
    return this.status;
  }

  private tick(): void {
    if (this.running !== undefined || this.stopped) return;
    this.running = this.runRound().finally(() => {
      this.running = undefined;
    });
  }

  private async runRound(): Promise<void> {
    try {
      const round = await this.collector.collect();
      if (this.stopped) return;
      const samples = buildSnapshot(round, this.rates);
      this.text = await renderSnapshot(samples);
      const brokersUp = round.brokers.filter((broker) => broker.up).length;
      this.status = {
        rounds: this.status.rounds + 1,
        lastRoundEndedAtMs: round.startedAtMs + round.durationMs,
        namesrvsUp: round.namesrvs.filter((namesrv) => namesrv.up).length,
        brokersUp,
        brokersDown: round.brokers.length - brokersUp,
      };
      this.options.logger.debug(
        { durationMs: round.durationMs, series: samples.size, brokersUp, brokersDown: this.status.brokersDown },
        'collection round done',
      );
    } catch (error) {
      this.options.logger.error({ err: error }, 'collection round failed; /metrics keeps the previous round');
    }
  }
}
