import { hostname } from 'node:os';

import { createMetricsRegistry, createRemotingMetricsHook, METRIC_CATALOGUE, type RemotingMetricsHook } from '@rocketmq-ts/observability';

import type { NamesrvConfig } from '../config/namesrv-config.schema';

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
 * The node labels of every series: `node_type="namesrv"` and `node_id` = the remoting address
 * (the host name when bound to every interface). No `cluster`: one name server serves several
 * clusters, and dashboards' `cluster=~".*"` also matches series without the label.
 */
export function namesrvNodeLabels(config: Pick<NamesrvConfig, 'bindAddress' | 'listenPort'>): Readonly<Record<string, string>> {
  const host = config.bindAddress === '0.0.0.0' || config.bindAddress === '::' ? hostname() : config.bindAddress;
  return { node_type: 'namesrv', node_id: `${host}:${config.listenPort}` };
}

/**
 * One registry per app instance (never prom-client's global one, so in-process specs can run
 * several namesrvs). Process and runtime metrics keep their standard names (process_*, nodejs_*)
 * so stock Node dashboards work.
 */
export function createNamesrvMetrics(config: Pick<NamesrvConfig, 'bindAddress' | 'listenPort'>): NamesrvMetrics {
  const metricsRegistry = createMetricsRegistry(NAMESRV_METRIC_ENTRIES, {
    collectDefaultMetrics: true,
    defaultLabels: namesrvNodeLabels(config),
  });
  const requestHook = createRemotingMetricsHook({
    requestsTotal: metricsRegistry.metrics.remotingRequestsTotal,
    requestLatencyMilliseconds: metricsRegistry.metrics.remotingRequestLatencyMilliseconds,
  });
  return { metricsRegistry, requestHook };
}
