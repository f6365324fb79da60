import { type DynamicModule, Module } from '@nestjs/common';

import { type Clock, type Logger, systemClock } from '@rocketmq-ts/base';

import { CollectionScheduler } from './collect/collection-scheduler';
import type { ExporterConfig } from './config/exporter-config.schema';
import { EXPORTER_CLOCK, EXPORTER_CONFIG, EXPORTER_LOGGER, EXPORTER_METRICS } from './exporter.tokens';
import { ExporterLifecycleService } from './exporter-lifecycle.service';
import { HealthController } from './http/health.controller';
import { MetricsController } from './http/metrics.controller';
import { createExporterMetrics, type ExporterMetrics } from './metrics/exporter-metrics';

/** What the process hands the app: validated config, the root logger, and (in tests) a clock. */
export interface ExporterRuntime {
  readonly config: ExporterConfig;
  readonly logger: Logger;
  readonly clock?: Clock;
}

/** Wiring only: the scheduler is a plain class built here; HTTP is two controllers. */
@Module({})
export class ExporterModule {
  static forRoot(runtime: ExporterRuntime): DynamicModule {
    return {
      module: ExporterModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: EXPORTER_CONFIG, useValue: runtime.config },
        { provide: EXPORTER_LOGGER, useValue: runtime.logger },
        { provide: EXPORTER_CLOCK, useValue: runtime.clock ?? systemClock },
        { provide: EXPORTER_METRICS, useValue: createExporterMetrics(`${runtime.config.bindAddress}:${runtime.config.httpPort}`) },
        {
          provide: CollectionScheduler,
          inject: [EXPORTER_CONFIG, EXPORTER_LOGGER, EXPORTER_CLOCK, EXPORTER_METRICS],
          useFactory: (config: ExporterConfig, logger: Logger, clock: Clock, metrics: ExporterMetrics) =>
            new CollectionScheduler({ config, logger, clock, metrics }),
        },
        ExporterLifecycleService,
      ],
    };
  }
}
