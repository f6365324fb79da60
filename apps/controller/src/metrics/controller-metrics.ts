import { hostname } from 'node:os';

import { createMetricsRegistry, createRemotingMetricsHook, METRIC_CATALOGUE, type RemotingMetricsHook } from '@rocketmq-ts/observability';

import type { ControllerTopology } from '../config/controller-topology';

const CONTROLLER_METRIC_ENTRIES = {
  controllerRole: METRIC_CATALOGUE.controllerRole,
  controllerActiveBrokers: METRIC_CATALOGUE.controllerActiveBrokers,
  controllerElectionsTotal: METRIC_CATALOGUE.controllerElectionsTotal,
  remotingRequestsTotal: METRIC_CATALOGUE.remotingRequestsTotal,
  remotingRequestLatencyMilliseconds: METRIC_CATALOGUE.remotingRequestLatencyMilliseconds,
};

export type ControllerMetricsRegistry = ReturnType<typeof createMetricsRegistry<typeof CONTROLLER_METRIC_ENTRIES>>;

export interface ControllerMetrics {
  readonly metricsRegistry: ControllerMetricsRegistry;
  readonly requestHook: RemotingMetricsHook;
}

/** One registry per app instance; series carry `node_type="controller"` and `node_id` = the client-facing address. */
export function createControllerMetrics(topology: ControllerTopology, bindAddress: string): ControllerMetrics {
  const host = bindAddress === '0.0.0.0' || bindAddress === '::' ? hostname() : bindAddress;
  const metricsRegistry = createMetricsRegistry(CONTROLLER_METRIC_ENTRIES, {
    collectDefaultMetrics: true,
    defaultLabels: { node_type: 'controller', node_id: `${host}:${topology.self.port}` },
  });
  const requestHook = createRemotingMetricsHook({
    requestsTotal: metricsRegistry.metrics.remotingRequestsTotal,
    requestLatencyMilliseconds: metricsRegistry.metrics.remotingRequestLatencyMilliseconds,
  });
  return { metricsRegistry, requestHook };
}
