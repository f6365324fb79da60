import { type DynamicModule, Module } from '@nestjs/common';

import { type Clock, type Logger, systemClock, type Timers } from '@rocketmq-ts/base';

import type { NamesrvConfig } from './config/namesrv-config.schema';
import { withPersistedNamesrvUpdates } from './config/namesrv-runtime-config';
import { createNamesrvMetrics } from './metrics/namesrv-metrics';
import { NAMESRV_CLOCK, NAMESRV_CONFIG, NAMESRV_LOGGER, NAMESRV_METRICS, NAMESRV_TIMERS } from './namesrv.tokens';

/** What the process hands the app: validated config, the root logger, and (in tests) a manual clock. */
export interface NamesrvRuntime {
  readonly config: NamesrvConfig;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** The scans' timers; real ones unless a spec or simulator owns every wait. */
  readonly timers?: Timers;
}

/**
 * Global values every other module may inject (config, logger, clock, metrics). Global so that
 * RemotingServerModule.forRootAsync's factory can inject the config too.
 */
@Module({})
export class NamesrvRuntimeModule {
  static forRoot(runtime: NamesrvRuntime): DynamicModule {
    // A mutable copy with earlier runs' accepted updates (config/namesrv-runtime-config.ts).
    const config = withPersistedNamesrvUpdates(runtime.config, runtime.logger);
    const providers = [
      { provide: NAMESRV_CONFIG, useValue: config },
      { provide: NAMESRV_LOGGER, useValue: runtime.logger },
      { provide: NAMESRV_CLOCK, useValue: runtime.clock ?? systemClock },
      { provide: NAMESRV_TIMERS, useValue: runtime.timers ?? systemClock },
      { provide: NAMESRV_METRICS, useValue: createNamesrvMetrics(config) },
    ];
    return { module: NamesrvRuntimeModule, global: true, providers, exports: providers.map((provider) => provider.provide) };
  }
}
