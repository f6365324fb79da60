import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Registry } from 'prom-client';

import type { BrokerMetrics } from '../metrics/broker-metrics';
import { TopicConfigManager } from '../topics/topic-config-manager';
import { BROKER_METRICS } from '../broker.tokens';

/**
 * `GET /metrics` in Prometheus text format. Table-size gauges are read at scrape time, so the
 * request paths carry no gauge updates.
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(BROKER_METRICS) private readonly brokerMetrics: BrokerMetrics,
    private readonly topics: TopicConfigManager,
  ) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  async metrics(): Promise<string> {
    const { registry, metrics } = this.brokerMetrics.metricsRegistry;
    metrics.brokerTopics.set(this.topics.topicConfigTable.size);
    return registry.metrics();
  }
}
