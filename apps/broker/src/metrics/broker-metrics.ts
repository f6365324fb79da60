import { performance } from 'node:perf_hooks';

import type { Counter, Histogram } from 'prom-client';

import { createMetricsRegistry, createRemotingMetricsHook, METRIC_CATALOGUE, type MetricDefinition, type NodeLabels } from '@rocketmq-ts/observability';
import type { RemotingRequestHook } from '@rocketmq-ts/remoting';

import type { BrokerConfig } from '../config/broker-config.schema';
import { ConnectionTracker } from './connection-tracker';
import { recordBodyBytes } from './record-body-bytes';
import { TopicMetricCache } from './topic-metric-cache';

/** Fed per message or per request on the send, pull and flush paths: what `enableMetrics=false` turns off. */
const HOT_PATH_ENTRIES = {
  brokerMessagesInTotal: METRIC_CATALOGUE.brokerMessagesInTotal,
  brokerThroughputInBytesTotal: METRIC_CATALOGUE.brokerThroughputInBytesTotal,
  brokerMessageSizeBytes: METRIC_CATALOGUE.brokerMessageSizeBytes,
  brokerSendLatencyMilliseconds: METRIC_CATALOGUE.brokerSendLatencyMilliseconds,
  brokerSendFailuresTotal: METRIC_CATALOGUE.brokerSendFailuresTotal,
  brokerMessagesOutTotal: METRIC_CATALOGUE.brokerMessagesOutTotal,
  brokerThroughputOutBytesTotal: METRIC_CATALOGUE.brokerThroughputOutBytesTotal,
  brokerPullLatencyMilliseconds: METRIC_CATALOGUE.brokerPullLatencyMilliseconds,
  storageFlushLatencyMilliseconds: METRIC_CATALOGUE.storageFlushLatencyMilliseconds,
  remotingRequestsTotal: METRIC_CATALOGUE.remotingRequestsTotal,
  remotingRequestLatencyMilliseconds: METRIC_CATALOGUE.remotingRequestLatencyMilliseconds,
  /** Counted by the request hook, so it is off with the others. */
  brokerConnections: METRIC_CATALOGUE.brokerConnections,
};

/** Read from the broker's tables and the store when Prometheus scrapes (BrokerGaugeCollector): no hot-path cost. */
const SCRAPE_TIME_ENTRIES = {
  brokerTopics: METRIC_CATALOGUE.brokerTopics,
  brokerProducerClients: METRIC_CATALOGUE.brokerProducerClients,
  brokerConsumerClients: METRIC_CATALOGUE.brokerConsumerClients,
  brokerLongPollingHeldRequests: METRIC_CATALOGUE.brokerLongPollingHeldRequests,
  brokerConsumerLagMessages: METRIC_CATALOGUE.brokerConsumerLagMessages,
  storageSizeBytes: METRIC_CATALOGUE.storageSizeBytes,
  storageDiskUsageRatio: METRIC_CATALOGUE.storageDiskUsageRatio,
  storageFlushBehindBytes: METRIC_CATALOGUE.storageFlushBehindBytes,
  storageDispatchBehindBytes: METRIC_CATALOGUE.storageDispatchBehindBytes,
  /** Registered for the HA module to set; labelled by role and peer, so no series until it does. */
  haReplicationLagBytes: METRIC_CATALOGUE.haReplicationLagBytes,
  haReplicationLagMilliseconds: METRIC_CATALOGUE.haReplicationLagMilliseconds,
};

const BROKER_METRIC_ENTRIES = { ...HOT_PATH_ENTRIES, ...SCRAPE_TIME_ENTRIES };

export type BrokerMetricsRegistry = ReturnType<typeof createMetricsRegistry<typeof BROKER_METRIC_ENTRIES>>;

/** Plain running totals for GET_BROKER_RUNTIME_INFO (the exporter's put* keys), kept beside Prometheus and always on. */
export interface PutStats {
  messages: number;
  bytes: number;
  maxLatencyMs: number;
}

export interface BrokerMetricsOptions {
  /** Process metrics (CPU, memory, event-loop lag, GC); specs turn them off. */
  readonly collectDefaultMetrics: boolean;
  /** The broker config's `enableMetrics`: false leaves the hot paths without any metric work. */
  readonly enabled?: boolean;
  /** cluster = brokerClusterName, node_type = broker, node_id = brokerName, on every series. */
  readonly nodeLabels?: NodeLabels;
}

/** The options the broker app builds its metrics with: node labels and the switch from its config. */
export function brokerMetricsOptions(runtime: {
  readonly config: Pick<BrokerConfig, 'enableMetrics' | 'brokerClusterName' | 'brokerName'>;
  readonly collectDefaultMetrics?: boolean;
}): BrokerMetricsOptions {
  const { config } = runtime;
  return {
    collectDefaultMetrics: runtime.collectDefaultMetrics ?? true,
    enabled: config.enableMetrics,
    nodeLabels: { cluster: config.brokerClusterName, node_type: 'broker', node_id: config.brokerName },
  };
}

/** Body sizes of a stored batch's inner messages, as the send processor already holds them. */
export type StoredBodies = readonly { readonly body: Buffer }[];

export interface BrokerMetrics {
  /** False with enableMetrics=false: processors skip every call below except sendFailure and putStats. */
  readonly enabled: boolean;
  readonly putStats: PutStats;
  readonly metricsRegistry: BrokerMetricsRegistry;
  /** Goes into the remoting server's hooks: requests by code and latency, open connections. Empty when disabled. */
  readonly requestHook: RemotingRequestHook;
  readonly connections: ConnectionTracker;
  /** A stored send: `msgNum` messages whose bodies are `batch` (a batch) or `bodyBytes` long (one message). */
  recordStored(topic: string, msgNum: number, bodyBytes: number, batch: StoredBodies | undefined, latencyMs: number): void;
  /** A pull answered without a hold: FOUND records (empty otherwise) and the time since the pass began. */
  recordPull(topic: string, group: string, records: readonly Buffer[], startedMs: number): void;
  /** Drops a deleted topic's series so /metrics stops reporting it. */
  forgetTopic(topic: string): void;
  sendFailure(responseCode: number): void;
}

/**
 * One registry per broker instance (never prom-client's global one, so in-process specs can run
 * several). Label children are cached (TopicMetricCache), so a stored message costs two counter
 * increments and two histogram observations. With metrics disabled the hot-path metrics are not
 * even registered: /metrics shows them absent rather than stuck at zero.
 */
export function createBrokerMetrics(options: BrokerMetricsOptions = { collectDefaultMetrics: true }): BrokerMetrics {
  const enabled = options.enabled ?? true;
  const metricsRegistry = createMetricsRegistry(BROKER_METRIC_ENTRIES, { collectDefaultMetrics: options.collectDefaultMetrics, defaultLabels: options.nodeLabels });
  const { metrics, registry } = metricsRegistry;
  if (!enabled) for (const definition of Object.values<MetricDefinition>(HOT_PATH_ENTRIES)) registry.removeSingleMetric(definition.name);
  const remoting = createRemotingMetricsHook({ requestsTotal: metrics.remotingRequestsTotal, requestLatencyMilliseconds: metrics.remotingRequestLatencyMilliseconds });
  const connections = new ConnectionTracker();
  const requestHook: RemotingRequestHook = enabled
    ? { beforeRequest: (context) => connections.track(context), afterResponse: (request, response, durationMs) => remoting.afterResponse(request, response, durationMs) }
    : {};
  const cache = new TopicMetricCache({
    messagesIn: metrics.brokerMessagesInTotal,
    bytesIn: metrics.brokerThroughputInBytesTotal,
    messageSize: metrics.brokerMessageSizeBytes,
    messagesOut: metrics.brokerMessagesOutTotal,
    bytesOut: metrics.brokerThroughputOutBytesTotal,
  });
  const failures = new Map<number, Counter.Internal>();
  const sendLatency: Histogram = metrics.brokerSendLatencyMilliseconds;
  const pullLatency: Histogram = metrics.brokerPullLatencyMilliseconds;
  return {
    enabled,
    putStats: { messages: 0, bytes: 0, maxLatencyMs: 0 },
    metricsRegistry,
    requestHook,
    connections,
    recordStored(topic, msgNum, bodyBytes, batch, latencyMs) {
      const children = cache.sendsOf(topic);
      children.messagesIn.inc(msgNum);
      if (batch === undefined) {
        children.bytesIn.inc(bodyBytes);
        children.messageSize.observe(bodyBytes);
      } else {
        let bytes = 0;
        for (const message of batch) {
          bytes += message.body.length;
          children.messageSize.observe(message.body.length);
        }
        children.bytesIn.inc(bytes);
      }
      sendLatency.observe(latencyMs);
    },
    recordPull(topic, group, records, startedMs) {
      if (records.length > 0) {
        const children = cache.pullsOf(topic, group);
        children.messagesOut.inc(records.length);
        children.bytesOut.inc(recordBodyBytes(records));
      }
      pullLatency.observe(performance.now() - startedMs);
    },
    forgetTopic(topic) {
      cache.forget(topic);
    },
    sendFailure(responseCode) {
      if (!enabled) return;
      let child = failures.get(responseCode);
      if (child === undefined) {
        child = metrics.brokerSendFailuresTotal.labels(String(responseCode));
        failures.set(responseCode, child);
      }
      child.inc();
    },
  };
}
