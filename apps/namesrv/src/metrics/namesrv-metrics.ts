import { createMetricsRegistry, createRemotingMetricsHook, METRIC_CATALOGUE, type RemotingMetricsHook } from '@rocketmq-ts/observability';

/** The metrics a namesrv exports: its route-table sizes and the generic remoting request metrics. */
const NAMESRV_METRIC_ENTRIES = {
  namesrvBrokersRegistered: METRIC_CATALOGUE.namesrvBrokersRegistered,
  namesrvTopics: METRIC_CATALOGUE.namesrvTopics,
  remotingRequestsTotal: METRIC_CATALOGUE.remotingRequestsTotal,
  remotingRequestLatencyMilliseconds: METRIC_CATALOGUE.remotingRequestLatencyMilliseconds,
};

export type NamesrvMetricsRegistry = ReturnType<typeof createMetricsRegistry<typeof NAMESRV_METRIC_ENTRIES>>;

export interface NamesrvMetrics {
  readonly metricsRegistry: NamesrvMetricsRegistry;
  /** Goes into the remoting server's hooks: requests by code and latency. */
  readonly requestHook: RemotingMetricsHook;
}

/**
 * One registry per app instance (never prom-client's global one, so in-process specs can run
 * several namesrvs). Process and runtime metrics keep their standard names (process_*, nodejs_*)
 * so stock Node dashboards work.
 */
export function createNamesrvMetrics(): NamesrvMetrics {
  const metricsRegistry = createMetricsRegistry(NAMESRV_METRIC_ENTRIES, { collectDefaultMetrics: true });
  const requestHook = createRemotingMetricsHook({
    requestsTotal: metricsRegistry.metrics.remotingRequestsTotal,
    requestLatencyMilliseconds: metricsRegistry.metrics.remotingRequestLatencyMilliseconds,
  });
  return { metricsRegistry, requestHook };
}
