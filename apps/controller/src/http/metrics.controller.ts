import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Registry } from 'prom-client';

import { CONTROLLER_METRICS } from '../controller.tokens';
import { ControllerEngine } from '../engine/controller-engine';
import { BrokerHeartbeatManager } from '../heartbeat/broker-heartbeat-manager';
import type { ControllerMetrics } from '../metrics/controller-metrics';

/** `GET /metrics` in Prometheus text format; gauges are read at scrape time. */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(CONTROLLER_METRICS) private readonly controllerMetrics: ControllerMetrics,
    private readonly engine: ControllerEngine,
    private readonly heartbeats: BrokerHeartbeatManager,
  ) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  async metrics(): Promise<string> {
    const { registry, metrics } = this.controllerMetrics.metricsRegistry;
    metrics.controllerRole.set(this.engine.isLeader() ? 1 : 0);
    metrics.controllerActiveBrokers.set(this.heartbeats.activeCount);
    return registry.metrics();
  }
}
