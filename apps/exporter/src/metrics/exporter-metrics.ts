import { createMetricsRegistry, METRICS, type MetricsRegistry } from '@rocketmq-ts/observability';

/** The exporter's live registry: process and Node metrics and the collection-errors counter. Snapshot figures are rendered apart. */
const EXPORTER_LIVE_METRICS = {
  collectErrorsTotal: METRICS.rocketmq_exporter_collect_errors_total,
};

export type ExporterMetricsRegistry = MetricsRegistry<typeof EXPORTER_LIVE_METRICS>;

export interface ExporterMetrics {
  readonly metricsRegistry: ExporterMetricsRegistry;
  readonly collectErrorsTotal: ExporterMetricsRegistry['metrics']['collectErrorsTotal'];
}

/** node_id names this exporter instance (its HTTP address), as the servers' node labels do. */
export function createExporterMetrics(nodeId: string): ExporterMetrics {
  const metricsRegistry = createMetricsRegistry(EXPORTER_LIVE_METRICS, {
    collectDefaultMetrics: true,
    defaultLabels: { node_type: 'exporter', node_id: nodeId },
  });
  return { metricsRegistry, collectErrorsTotal: metricsRegistry.metrics.collectErrorsTotal };
}
