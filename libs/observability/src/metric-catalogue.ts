/**
 * Every metric rocketmq-ts exports, in one table that apps, the exporter, dashboards and tests
 * share. Names follow RocketMQ / rocketmq-exporter and Prometheus conventions: `rocketmq_` prefix,
 * snake_case, unit as the last word (`_milliseconds`, `_bytes`), `_total` on counters.
 * Add a metric here first; nothing else creates metrics by name.
 */
export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface MetricDefinition {
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
  readonly labelNames: readonly string[];
  /** Histogram bucket upper bounds, in the unit the name states. */
  readonly buckets?: readonly number[];
}

/**
 * Latency buckets from 0.1 ms (an in-memory namesrv lookup) to 5 s (a long-poll or a slow disk
 * flush), roughly 1-2.5-5 per decade so each bucket is a readable number.
 */
export const LATENCY_BUCKETS_MS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000] as const;

export const METRIC_CATALOGUE = {
  namesrvBrokersRegistered: {
    name: 'rocketmq_namesrv_brokers_registered',
    type: 'gauge',
    help: 'Broker instances (brokerName + brokerId) currently registered with this name server.',
    labelNames: [],
  },
  namesrvTopics: {
    name: 'rocketmq_namesrv_topics',
    type: 'gauge',
    help: 'Topics with at least one queue in this name server route table.',
    labelNames: [],
  },
  remotingRequestsTotal: {
    name: 'rocketmq_remoting_requests_total',
    type: 'counter',
    help: 'Remoting requests served, by request code and response code ("none" when no reply is sent).',
    labelNames: ['code', 'response_code'],
  },
  remotingRequestLatencyMilliseconds: {
    name: 'rocketmq_remoting_request_latency_milliseconds',
    type: 'histogram',
    help: 'Time from reading a remoting request to writing its reply, by request code.',
    labelNames: ['code'],
    buckets: LATENCY_BUCKETS_MS,
  },
  brokerMessagesInTotal: {
    name: 'rocketmq_messages_in_total',
    type: 'counter',
    help: 'Messages stored by SEND_MESSAGE / _V2 / SEND_BATCH_MESSAGE, by topic (each inner batch message counts).',
    labelNames: ['topic'],
  },
  brokerThroughputInBytesTotal: {
    name: 'rocketmq_throughput_in_bytes_total',
    type: 'counter',
    help: 'Message body bytes stored by sends, by topic.',
    labelNames: ['topic'],
  },
  brokerSendLatencyMilliseconds: {
    name: 'rocketmq_send_latency_milliseconds',
    type: 'histogram',
    help: 'Time from decoding a send request to the store acknowledging it (flush/replication waits included).',
    labelNames: [],
    buckets: LATENCY_BUCKETS_MS,
  },
  brokerSendFailuresTotal: {
    name: 'rocketmq_send_failures_total',
    type: 'counter',
    help: 'Send requests refused or failed, by response code.',
    labelNames: ['response_code'],
  },
  brokerTopics: {
    name: 'rocketmq_broker_topics',
    type: 'gauge',
    help: 'Topics in this broker topic config table, system topics included.',
    labelNames: [],
  },
  brokerProducerClients: {
    name: 'rocketmq_broker_producer_clients',
    type: 'gauge',
    help: 'Producer client channels (connection + clientID per group) with a live heartbeat.',
    labelNames: [],
  },
  brokerConsumerClients: {
    name: 'rocketmq_broker_consumer_clients',
    type: 'gauge',
    help: 'Consumer client channels (connection + clientID per group) with a live heartbeat.',
    labelNames: [],
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricCatalogue = typeof METRIC_CATALOGUE;

/** The catalogue as a list, for exporters and dashboard checks. */
export const METRIC_DEFINITIONS: readonly MetricDefinition[] = Object.values(METRIC_CATALOGUE);
