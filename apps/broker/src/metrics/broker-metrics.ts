import { performance } from 'node:perf_hooks';

import type { Registry } from 'prom-client';

import {
  createMetricsRegistry,
  createRemotingMetricsHook,
  type HotCounter,
  type HotCounterCell,
  type HotHistogram,
  METRIC_CATALOGUE,
  type NodeLabels,
  registerHotCounter,
  registerHotHistogram,
} from '@rocketmq-ts/observability';
import type { RemotingServerHook, RemotingServerView } from '@rocketmq-ts/nest-remoting';

import type { BrokerConfig } from '../config/broker-config.schema';
import { recordBodyBytes } from './record-body-bytes';
import { TopicMetricCache } from './topic-metric-cache';

/** Fed per message or per request on the send, pull and flush paths: what `enableMetrics=false` turns off. */
const HOT_COUNTERS = {
  messagesIn: METRIC_CATALOGUE.brokerMessagesInTotal,
  bytesIn: METRIC_CATALOGUE.brokerThroughputInBytesTotal,
  sendFailures: METRIC_CATALOGUE.brokerSendFailuresTotal,
  messagesOut: METRIC_CATALOGUE.brokerMessagesOutTotal,
  bytesOut: METRIC_CATALOGUE.brokerThroughputOutBytesTotal,
  remotingRequests: METRIC_CATALOGUE.remotingRequestsTotal,
};

const HOT_HISTOGRAMS = {
  messageSize: METRIC_CATALOGUE.brokerMessageSizeBytes,
  sendLatency: METRIC_CATALOGUE.brokerSendLatencyMilliseconds,
  pullLatency: METRIC_CATALOGUE.brokerPullLatencyMilliseconds,
  flushLatency: METRIC_CATALOGUE.storageFlushLatencyMilliseconds,
  remotingLatency: METRIC_CATALOGUE.remotingRequestLatencyMilliseconds,
};

/** Read from the broker's tables and the store when Prometheus scrapes (BrokerGaugeCollector): no hot-path cost. */
const SCRAPE_TIME_ENTRIES = {
  brokerTopics: METRIC_CATALOGUE.brokerTopics,
  brokerProducerClients: METRIC_CATALOGUE.brokerProducerClients,
  brokerConsumerClients: METRIC_CATALOGUE.brokerConsumerClients,
  /** Read from the remoting server the request hook is handed; dropped with the hot metrics when they are off (no hook then). */
  brokerConnections: METRIC_CATALOGUE.brokerConnections,
  brokerLongPollingHeldRequests: METRIC_CATALOGUE.brokerLongPollingHeldRequests,
  brokerConsumerLagMessages: METRIC_CATALOGUE.brokerConsumerLagMessages,
  storageSizeBytes: METRIC_CATALOGUE.storageSizeBytes,
  storageDiskUsageRatio: METRIC_CATALOGUE.storageDiskUsageRatio,
  storageFlushBehindBytes: METRIC_CATALOGUE.storageFlushBehindBytes,
  storageDispatchBehindBytes: METRIC_CATALOGUE.storageDispatchBehindBytes,
  /** Set by the HA module's scrape collector (replication-lag-collector.ts); no series on a broker without replication. */
  haReplicationLagBytes: METRIC_CATALOGUE.haReplicationLagBytes,
  haReplicationLagMilliseconds: METRIC_CATALOGUE.haReplicationLagMilliseconds,
  /** Not a gauge: counted when a request cannot be decoded, which is rare, so it stays on with enableMetrics=false. */
  remotingMalformedRequestsTotal: METRIC_CATALOGUE.remotingMalformedRequestsTotal,
};

export type BrokerMetricsRegistry = ReturnType<typeof createMetricsRegistry<typeof SCRAPE_TIME_ENTRIES>>;

/** The hot-path metrics (HotCounter / HotHistogram, rendered by the same registry); absent when disabled. */
export type BrokerHotMetrics = { readonly [Key in keyof typeof HOT_COUNTERS]: HotCounter } & {
  readonly [Key in keyof typeof HOT_HISTOGRAMS]: HotHistogram;
};

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

/** Sets gauges right before /metrics renders; registered by modules the gauge collector cannot see (HA). */
export type ScrapeCollector = () => void;

/** Body sizes of a stored batch's inner messages, as the send processor already holds them. */
export type StoredBodies = readonly { readonly body: Buffer }[];

export interface BrokerMetrics {
  /** False with enableMetrics=false: processors skip every call below except sendFailure and putStats. */
  readonly enabled: boolean;
  readonly putStats: PutStats;
  readonly metricsRegistry: BrokerMetricsRegistry;
  /** Undefined with enableMetrics=false. */
  readonly hot: BrokerHotMetrics | undefined;
  /**
   * Goes into the remoting server's hooks: requests by code and latency; handed the server for its open connections.
   * Empty when disabled.
   */
  readonly requestHook: RemotingServerHook;
  /** Open remoting connections now; undefined before the server listens, and always when disabled. */
  openConnections(): number | undefined;
  /** Adds a scrape-time collector; BrokerGaugeCollector runs every one before rendering. */
  addScrapeCollector(collector: ScrapeCollector): void;
  readonly scrapeCollectors: readonly ScrapeCollector[];
  /** A stored send: `msgNum` messages; `bodies` is one message's body length, or a batch's bodies. */
  recordStored(topic: string, msgNum: number, bodies: number | StoredBodies, latencyMs: number): void;
  /** A pull answered without a hold: FOUND records (empty otherwise) and the time since the pass began. */
  recordPull(topic: string, group: string, records: readonly Buffer[], startedMs: number): void;
  /** Drops a deleted topic's series so /metrics stops reporting it. */
  forgetTopic(topic: string): void;
  sendFailure(responseCode: number): void;
  /** A request whose header or body could not be decoded (MalformedRequestReporter counts through this). */
  malformedRequest(requestCode: number, structure: string): void;
}

/**
 * One registry per broker instance (never prom-client's global one, so in-process specs can run
 * several). Hot-path metrics are HotCounter / HotHistogram cells cached per topic (TopicMetricCache),
 * so a stored message costs a few additions and two short bucket scans, and nothing is allocated.
 * With metrics disabled they are not even registered: /metrics shows them absent, not stuck at zero.
 */
export function createBrokerMetrics(options: BrokerMetricsOptions = { collectDefaultMetrics: true }): BrokerMetrics {
  const enabled = options.enabled ?? true;
  const metricsRegistry = createMetricsRegistry(SCRAPE_TIME_ENTRIES, {
    collectDefaultMetrics: options.collectDefaultMetrics,
    defaultLabels: options.nodeLabels,
  });
  const putStats = { messages: 0, bytes: 0, maxLatencyMs: 0 };
  const scrapeCollectors: ScrapeCollector[] = [];
  const addScrapeCollector = (collector: ScrapeCollector): void => {
    scrapeCollectors.push(collector);
  };
  const malformedRequest = (requestCode: number, structure: string): void => {
    metricsRegistry.metrics.remotingMalformedRequestsTotal.inc({ code: String(requestCode), structure });
  };
  const base: MetricsBase = { enabled, putStats, metricsRegistry, addScrapeCollector, scrapeCollectors, malformedRequest };
  return enabled ? enabledMetrics(base) : disabledMetrics(base);
}

/** What a broker's metrics hold whether enableMetrics is on or off. */
type MetricsBase = Pick<
  BrokerMetrics,
  'enabled' | 'putStats' | 'metricsRegistry' | 'addScrapeCollector' | 'scrapeCollectors' | 'malformedRequest'
>;

function disabledMetrics(base: MetricsBase): BrokerMetrics {
  base.metricsRegistry.registry.removeSingleMetric(SCRAPE_TIME_ENTRIES.brokerConnections.name);
  const off = () => undefined;
  return {
    ...base,
    hot: undefined,
    requestHook: {},
    openConnections: off,
    recordStored: off,
    recordPull: off,
    forgetTopic: off,
    sendFailure: off,
  };
}

function enabledMetrics(base: MetricsBase): BrokerMetrics {
  const { metricsRegistry } = base;
  let server: RemotingServerView | undefined;
  const hot = registerHotMetrics(metricsRegistry.registry);
  const remoting = createRemotingMetricsHook({ requestsTotal: hot.remotingRequests, requestLatencyMilliseconds: hot.remotingLatency });
  const cache = new TopicMetricCache(hot);
  const failures = new Map<number, HotCounterCell>();
  const sendLatency = hot.sendLatency.labels();
  const pullLatency = hot.pullLatency.labels();
  return {
    ...base,
    hot,
    requestHook: {
      afterResponse: (request, response, durationMs) => remoting.afterResponse(request, response, durationMs),
      serverListening: (listening) => {
        server = listening;
      },
    },
    openConnections: () => server?.connectionCount,
    recordStored(topic, msgNum, bodies, latencyMs) {
      const children = cache.sendsOf(topic);
      children.messagesIn.inc(msgNum);
      if (typeof bodies === 'number') {
        children.bytesIn.inc(bodies);
        children.messageSize.observe(bodies);
      } else {
        let bytes = 0;
        for (const message of bodies) {
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
      let cell = failures.get(responseCode);
      if (cell === undefined) {
        cell = hot.sendFailures.labels(String(responseCode));
        failures.set(responseCode, cell);
      }
      cell.inc();
    },
  };
}

function registerHotMetrics(registry: Registry): BrokerHotMetrics {
  const counters = Object.fromEntries(
    Object.entries(HOT_COUNTERS).map(([key, definition]) => [key, registerHotCounter(definition, registry)]),
  );
  const histograms = Object.fromEntries(
    Object.entries(HOT_HISTOGRAMS).map(([key, definition]) => [key, registerHotHistogram(definition, registry)]),
  );
  return { ...counters, ...histograms } as BrokerHotMetrics;
}
