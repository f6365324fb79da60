import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';

import type { Clock, Timers } from '@rocketmq-ts/base';

import { BROKER_CLOCK, BROKER_CONFIG, BROKER_TIMERS } from '../broker.tokens';
import type { BrokerConfig } from '../config/broker-config.schema';
import { BrokerStatsManager } from './broker-stats-manager';

/** Runs the stats samplers between boot and shutdown (their timers are unref'd, never holding the process). */
@Injectable()
export class BrokerStatsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly stats: BrokerStatsManager) {}

  onApplicationBootstrap(): void {
    this.stats.start();
  }

  onApplicationShutdown(): void {
    this.stats.stop();
  }
}

export const brokerStatsProviders: Provider[] = [
  {
    provide: BrokerStatsManager,
    inject: [BROKER_CONFIG, BROKER_CLOCK, BROKER_TIMERS],
    useFactory: (config: BrokerConfig, clock: Clock, timers: Timers) =>
      new BrokerStatsManager(config.brokerClusterName, () => clock.nowMs(), timers),
  },
  BrokerStatsLifecycle,
];
