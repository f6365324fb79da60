import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Registry } from 'prom-client';

import { CollectionScheduler } from '../collect/collection-scheduler';
import { EXPORTER_METRICS } from '../exporter.tokens';
import type { ExporterMetrics } from '../metrics/exporter-metrics';

/**
 * `GET /metrics`: the live process metrics and error counter, then the text of the last
 * finished collection round. Nothing here talks to a broker, so a slow cluster never slows a scrape.
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(EXPORTER_METRICS) private readonly exporterMetrics: ExporterMetrics,
    private readonly scheduler: CollectionScheduler,
  ) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  async metrics(): Promise<string> {
    const live = await this.exporterMetrics.metricsRegistry.registry.metrics();
    return `${live}${this.scheduler.snapshotText}`;
  }
}
