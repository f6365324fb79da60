import type { Counter, Histogram } from 'prom-client';

import { createMetricsRegistry, createRemotingMetricsHook, METRIC_CATALOGUE, type RemotingMetricsHook } from '@rocketmq-ts/observability';

/** The metrics a broker exports: send counters per topic, send latency, table sizes, remoting requests. */
const BROKER_METRIC_ENTRIES = {
  brokerMessagesInTotal: METRIC_CATALOGUE.brokerMessagesInTotal,
  brokerThroughputInBytesTotal: METRIC_CATALOGUE.brokerThroughputInBytesTotal,
  brokerSendLatencyMilliseconds: METRIC_CATALOGUE.brokerSendLatencyMilliseconds,
  brokerSendFailuresTotal: METRIC_CATALOGUE.brokerSendFailuresTotal,
  brokerTopics: METRIC_CATALOGUE.brokerTopics,
  brokerProducerClients: METRIC_CATALOGUE.brokerProducerClients,
  brokerConsumerClients: METRIC_CATALOGUE.brokerConsumerClients,
  remotingRequestsTotal: METRIC_CATALOGUE.remotingRequestsTotal,
  remotingRequestLatencyMilliseconds: METRIC_CATALOGUE.remotingRequestLatencyMilliseconds,
};

export type BrokerMetricsRegistry = ReturnType<typeof createMetricsRegistry<typeof BROKER_METRIC_ENTRIES>>;

/** Pre-resolved label children of one topic: the send path increments these, building no labels. */
export interface TopicSendMetrics {
  readonly messagesIn: Counter.Internal;
  readonly bytesIn: Counter.Internal;
}

/** Plain running totals for GET_BROKER_RUNTIME_INFO (the exporter's put* keys), kept beside Prometheus. */
export interface PutStats {
  messages: number;
  bytes: number;
  maxLatencyMs: number;
}

export interface BrokerMetrics {
  readonly putStats: PutStats;
  readonly metricsRegistry: BrokerMetricsRegistry;
  readonly requestHook: RemotingMetricsHook;
  readonly sendLatencyMilliseconds: Histogram;
  /** The cached children of `topic`, created on its first message. */
  topic(topic: string): TopicSendMetrics;
  /** Drops a deleted topic's series (and its cache entry) so /metrics stops reporting it. */
  forgetTopic(topic: string): void;
  sendFailure(responseCode: number): void;
}

/**
 * One registry per broker instance (never prom-client's global one, so in-process specs can run
 * several). Topic children are cached per topic; the cache is bounded by the topic table because
 * only stored messages (hence existing topics) reach `topic()`, and DELETE_TOPIC forgets them.
 */
export function createBrokerMetrics(options: { readonly collectDefaultMetrics: boolean } = { collectDefaultMetrics: true }): BrokerMetrics {
  const metricsRegistry = createMetricsRegistry(BROKER_METRIC_ENTRIES, options);
  const { metrics } = metricsRegistry;
  const requestHook = createRemotingMetricsHook({
    requestsTotal: metrics.remotingRequestsTotal,
    requestLatencyMilliseconds: metrics.remotingRequestLatencyMilliseconds,
  });
  const topics = new Map<string, TopicSendMetrics>();
  const failures = new Map<number, Counter.Internal>();
  return {
    putStats: { messages: 0, bytes: 0, maxLatencyMs: 0 },
    metricsRegistry,
    requestHook,
    sendLatencyMilliseconds: metrics.brokerSendLatencyMilliseconds,
    topic(topic) {
      let children = topics.get(topic);
      if (children === undefined) {
        children = { messagesIn: metrics.brokerMessagesInTotal.labels(topic), bytesIn: metrics.brokerThroughputInBytesTotal.labels(topic) };
        topics.set(topic, children);
      }
      return children;
    },
    forgetTopic(topic) {
      if (!topics.delete(topic)) return;
      metrics.brokerMessagesInTotal.remove(topic);
      metrics.brokerThroughputInBytesTotal.remove(topic);
    },
    sendFailure(responseCode) {
      let child = failures.get(responseCode);
      if (child === undefined) {
        child = metrics.brokerSendFailuresTotal.labels(String(responseCode));
        failures.set(responseCode, child);
      }
      child.inc();
    },
  };
}
