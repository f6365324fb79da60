import { BROKER_METRICS } from './catalogue/broker-metrics';
import { BROKER_RUNTIME_METRICS } from './catalogue/broker-runtime-metrics';
import { CONTROLLER_METRICS } from './catalogue/controller-metrics';
export { LOADTEST_METRICS } from './catalogue/loadtest-metrics';
import { EXPORTER_COMPAT_METRICS, EXPORTER_EXTRA_METRICS } from './catalogue/exporter-metrics';
import { LOADTEST_METRICS } from './catalogue/loadtest-metrics';
import { indexMetricsByName, type MetricDefinition } from './catalogue/metric-definition';
import { NAMESRV_METRICS, REMOTING_METRICS } from './catalogue/remoting-metrics';
import { RUNTIME_METRICS } from './catalogue/runtime-metrics';

export * from './catalogue/metric-definition';
export { NODE_LABEL_NAMES, type NodeLabels } from './catalogue/broker-metrics';
export {
  BROKER_RUNTIME_LABEL_NAMES,
  BROKER_RUNTIME_METRICS,
  brokerRuntimeMetric,
  type BrokerRuntimeSuffix,
} from './catalogue/broker-runtime-metrics';

/**
 * Every metric rocketmq-ts exports, in one table that apps, the exporter, dashboards and tests
 * share, keyed by exposition name: code refers to `METRICS.rocketmq_group_diff.name`, never to a
 * string literal, so renaming a metric breaks the build of every dashboard that reads it.
 * Add a metric here first; nothing else creates metrics by name.
 */
export const METRICS = indexMetricsByName([
  ...RUNTIME_METRICS,
  ...REMOTING_METRICS,
  ...NAMESRV_METRICS,
  ...BROKER_METRICS,
  ...EXPORTER_COMPAT_METRICS,
  ...EXPORTER_EXTRA_METRICS,
  ...BROKER_RUNTIME_METRICS,
  ...LOADTEST_METRICS,
  ...CONTROLLER_METRICS,
]);

export type MetricName = keyof typeof METRICS;

/** The catalogue as a list, for exporters and dashboard checks. */
export const METRIC_DEFINITIONS: readonly MetricDefinition[] = Object.values(METRICS);

/** The names rocketmq-exporter itself emits (ours keep them exactly); the spec of apps/exporter checks its output against them. */
export const ROCKETMQ_EXPORTER_METRICS: readonly MetricDefinition[] = [...EXPORTER_COMPAT_METRICS, ...BROKER_RUNTIME_METRICS];

/**
 * The registry entries the namesrv and broker build from, keyed by role (createMetricsRegistry
 * turns keys into typed accessors). Same objects as in METRICS.
 */
export const METRIC_CATALOGUE = {
  namesrvBrokersRegistered: METRICS.rocketmq_namesrv_brokers_registered,
  namesrvTopics: METRICS.rocketmq_namesrv_topics,
  remotingRequestsTotal: METRICS.rocketmq_remoting_requests_total,
  remotingRequestLatencyMilliseconds: METRICS.rocketmq_remoting_request_latency_milliseconds,
  remotingMalformedRequestsTotal: METRICS.rocketmq_remoting_malformed_requests_total,
  brokerMessagesInTotal: METRICS.rocketmq_messages_in_total,
  brokerThroughputInBytesTotal: METRICS.rocketmq_throughput_in_bytes_total,
  brokerSendLatencyMilliseconds: METRICS.rocketmq_send_latency_milliseconds,
  brokerSendFailuresTotal: METRICS.rocketmq_send_failures_total,
  brokerMessageSizeBytes: METRICS.rocketmq_message_size_bytes,
  brokerMessagesOutTotal: METRICS.rocketmq_messages_out_total,
  brokerThroughputOutBytesTotal: METRICS.rocketmq_throughput_out_bytes_total,
  brokerPullLatencyMilliseconds: METRICS.rocketmq_pull_latency_milliseconds,
  brokerTopics: METRICS.rocketmq_broker_topics,
  brokerProducerClients: METRICS.rocketmq_broker_producer_clients,
  brokerConsumerClients: METRICS.rocketmq_broker_consumer_clients,
  brokerConnections: METRICS.rocketmq_broker_connections,
  brokerLongPollingHeldRequests: METRICS.rocketmq_long_polling_held_requests,
  brokerConsumerLagMessages: METRICS.rocketmq_consumer_lag_messages,
  storageFlushLatencyMilliseconds: METRICS.rocketmq_storage_flush_latency_milliseconds,
  storageSizeBytes: METRICS.rocketmq_storage_size_bytes,
  storageDiskUsageRatio: METRICS.rocketmq_storage_disk_usage_ratio,
  storageFlushBehindBytes: METRICS.rocketmq_storage_flush_behind_bytes,
  storageDispatchBehindBytes: METRICS.rocketmq_storage_dispatch_behind_bytes,
  haReplicationLagBytes: METRICS.rocketmq_ha_replication_lag_bytes,
  haReplicationLagMilliseconds: METRICS.rocketmq_ha_replication_lag_milliseconds,
  controllerRole: METRICS.rocketmq_role,
  controllerActiveBrokers: METRICS.rocketmq_active_broker_num,
  controllerElectionsTotal: METRICS.rocketmq_election_total,
} as const satisfies Record<string, MetricDefinition>;

export type MetricCatalogue = typeof METRIC_CATALOGUE;
