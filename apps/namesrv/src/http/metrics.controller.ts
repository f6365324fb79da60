import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Registry } from 'prom-client';

import type { NamesrvMetrics } from '../metrics/namesrv-metrics';
import { NAMESRV_METRICS } from '../namesrv.tokens';
import { RouteInfoManager } from '../routeinfo/route-info-manager';

/**
 * `GET /metrics` in Prometheus text format. Route-table gauges are read at scrape time rather
 * than updated on every register, so the broker path carries no metrics work.
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(NAMESRV_METRICS) private readonly namesrvMetrics: NamesrvMetrics,
    private readonly routes: RouteInfoManager,
  ) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  async metrics(): Promise<string> {
    const { registry, metrics } = this.namesrvMetrics.metricsRegistry;
    metrics.namesrvBrokersRegistered.set(this.routes.liveBrokerCount);
    metrics.namesrvTopics.set(this.routes.topicQueueTable.topicCount);
    return registry.metrics();
  }
}
