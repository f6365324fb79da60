import { defineMetric, LATENCY_BUCKETS_MS, MESSAGE_SIZE_BUCKETS_BYTES } from './metric-definition';

/**
 * Labels a server puts on every series it exports (registry default labels, so they are not in
 * each entry's labelNames), as RocketMQ 5 does: `cluster` = brokerClusterName, `node_type` =
 * broker | namesrv | exporter, `node_id` = brokerName (or the process's address for the others).
 */
export const NODE_LABEL_NAMES = ['cluster', 'node_type', 'node_id'] as const;
export type NodeLabels = { readonly [Label in (typeof NODE_LABEL_NAMES)[number]]: string };

/**
 * The broker's native metrics, named after RocketMQ 5's OpenTelemetry ones as Prometheus shows
 * them (unit suffix included, docs/architecture.md#metrics-and-dashboards), so a dashboard written for a Java 5.x
 * broker needs few changes. Where Java has no equivalent (flush latency, HA lag, long-poll holds)
 * the name follows the same pattern.
 */
export const BROKER_METRICS = [
  defineMetric({
    name: 'rocketmq_messages_in_total',
    type: 'counter',
    family: 'broker',
    help: 'Messages stored by SEND_MESSAGE / _V2 / SEND_BATCH_MESSAGE, by topic (each inner batch message counts).',
    labelNames: ['topic'],
  }),
  defineMetric({
    name: 'rocketmq_throughput_in_bytes_total',
    type: 'counter',
    family: 'broker',
    help: 'Message body bytes stored by sends, by topic.',
    labelNames: ['topic'],
  }),
  defineMetric({
    name: 'rocketmq_messages_out_total',
    type: 'counter',
    family: 'broker',
    help: 'Messages delivered to consumers by pull, by topic and consumer group.',
    labelNames: ['topic', 'consumer_group'],
  }),
  defineMetric({
    name: 'rocketmq_throughput_out_bytes_total',
    type: 'counter',
    family: 'broker',
    help: 'Message body bytes delivered to consumers by pull, by topic and consumer group.',
    labelNames: ['topic', 'consumer_group'],
  }),
  defineMetric({
    name: 'rocketmq_message_size_bytes',
    type: 'histogram',
    family: 'broker',
    help: 'Body size of each stored message, by topic.',
    labelNames: ['topic'],
    buckets: MESSAGE_SIZE_BUCKETS_BYTES,
  }),
  defineMetric({
    name: 'rocketmq_send_latency_milliseconds',
    type: 'histogram',
    family: 'broker',
    help: 'Time from decoding a send request to the store acknowledging it (flush/replication waits included).',
    labelNames: [],
    buckets: LATENCY_BUCKETS_MS,
  }),
  defineMetric({
    name: 'rocketmq_send_failures_total',
    type: 'counter',
    family: 'broker',
    help: 'Send requests refused or failed, by response code.',
    labelNames: ['response_code'],
  }),
  defineMetric({
    name: 'rocketmq_pull_latency_milliseconds',
    type: 'histogram',
    family: 'broker',
    help: 'Time from decoding a pull request to writing its reply, long-poll holds excluded.',
    labelNames: [],
    buckets: LATENCY_BUCKETS_MS,
  }),
  defineMetric({
    name: 'rocketmq_storage_flush_latency_milliseconds',
    type: 'histogram',
    family: 'broker',
    help: 'Duration of each commit-log flush (fsync of the dirty range).',
    labelNames: [],
    buckets: LATENCY_BUCKETS_MS,
  }),
  defineMetric({
    name: 'rocketmq_storage_size_bytes',
    type: 'gauge',
    family: 'broker',
    help: 'Bytes on disk by store part: commitlog, consumequeue, index.',
    labelNames: ['storage_type'],
  }),
  defineMetric({
    name: 'rocketmq_storage_disk_usage_ratio',
    type: 'gauge',
    family: 'broker',
    help: 'Used fraction (0..1) of the file system holding the commit log.',
    labelNames: [],
  }),
  defineMetric({
    name: 'rocketmq_storage_flush_behind_bytes',
    type: 'gauge',
    family: 'broker',
    help: 'Commit-log bytes written but not yet flushed to disk.',
    labelNames: [],
  }),
  defineMetric({
    name: 'rocketmq_storage_dispatch_behind_bytes',
    type: 'gauge',
    family: 'broker',
    help: 'Commit-log bytes not yet dispatched to consume queues and the index.',
    labelNames: [],
  }),
  defineMetric({
    name: 'rocketmq_ha_replication_lag_bytes',
    type: 'gauge',
    family: 'broker',
    help: 'Commit-log bytes a slave is behind its master. role="master": per slave, the master max offset minus the slave last ack (peer = slave HA connection); role="slave": what the master last frame announced beyond the local commit log, while connected (peer = master HA address).',
    labelNames: ['role', 'peer'],
  }),
  defineMetric({
    name: 'rocketmq_ha_replication_lag_milliseconds',
    type: 'gauge',
    family: 'broker',
    help: 'Replication staleness. role="master": per slave, 0 while it has everything, else time since an ack last covered the master max offset; role="slave": time since the master last sent a frame (heartbeats every haSendHeartbeatInterval when idle).',
    labelNames: ['role', 'peer'],
  }),
  defineMetric({
    name: 'rocketmq_long_polling_held_requests',
    type: 'gauge',
    family: 'broker',
    help: 'Pull requests held now waiting for messages (long polling).',
    labelNames: [],
  }),
  defineMetric({
    name: 'rocketmq_consumer_lag_messages',
    type: 'gauge',
    family: 'broker',
    help: 'Backlog per consumer group and topic: max offset minus committed offset, summed over queues.',
    labelNames: ['consumer_group', 'topic'],
  }),
  defineMetric({
    name: 'rocketmq_broker_topics',
    type: 'gauge',
    family: 'broker',
    help: 'Topics in this broker topic config table, system topics included.',
    labelNames: [],
  }),
  defineMetric({
    name: 'rocketmq_broker_producer_clients',
    type: 'gauge',
    family: 'broker',
    help: 'Producer client channels (connection + clientID per group) with a live heartbeat.',
    labelNames: [],
  }),
  defineMetric({
    name: 'rocketmq_broker_consumer_clients',
    type: 'gauge',
    family: 'broker',
    help: 'Consumer client channels (connection + clientID per group) with a live heartbeat.',
    labelNames: [],
  }),
  defineMetric({
    name: 'rocketmq_broker_connections',
    type: 'gauge',
    family: 'broker',
    help: 'Open remoting TCP connections to this broker (clients, slaves, admin tools).',
    labelNames: [],
  }),
] as const;
