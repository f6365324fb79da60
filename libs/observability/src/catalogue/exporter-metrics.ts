import { defineMetric } from './metric-definition';

/*
 * rocketmq-exporter's metrics (apache/rocketmq-exporter RMQMetricsCollector, docs/architecture.md#metrics-and-dashboards):
 * exact names and label sets, so its users' dashboards and alerts keep working against
 * apps/exporter. Every one is a gauge there, offsets included; so they are here.
 */

const BROKER_LABELS = ['cluster', 'brokerIP', 'broker'] as const;
const TOPIC_LABELS = ['cluster', 'broker', 'topic'] as const;
const GROUP_TOPIC_LABELS = ['cluster', 'broker', 'topic', 'group'] as const;
const GROUP_DIFF_LABELS = ['group', 'topic', 'countOfOnlineConsumers', 'msgModel'] as const;

function exporterGauge<const Name extends string, const Labels extends readonly string[]>(name: Name, labelNames: Labels, help: string) {
  return defineMetric({ name, type: 'gauge', family: 'exporter', help, labelNames });
}

export const EXPORTER_COMPAT_METRICS = [
  exporterGauge('rocketmq_broker_tps', BROKER_LABELS, 'Messages written per second on a master broker.'),
  exporterGauge('rocketmq_broker_qps', BROKER_LABELS, 'Messages read by consumers per second from a master broker.'),
  exporterGauge(
    'rocketmq_broker_commitlog_diff',
    BROKER_LABELS,
    'Replication lag in bytes: master commitLogMaxOffset minus the slave one; brokerIP is the slave.',
  ),
  exporterGauge('rocketmq_producer_tps', TOPIC_LABELS, 'Messages written per second to a topic on a broker.'),
  exporterGauge('rocketmq_producer_message_size', TOPIC_LABELS, 'Bytes written per second to a topic on a broker.'),
  exporterGauge('rocketmq_producer_offset', TOPIC_LABELS, "Sum of the max offsets of a topic's queues on a broker (the high-water mark)."),
  exporterGauge('rocketmq_topic_retry_offset', TOPIC_LABELS, 'Sum of the max offsets of a %RETRY% topic on a broker.'),
  exporterGauge(
    'rocketmq_topic_dlq_offset',
    ['cluster', 'broker', 'group'],
    'Sum of the max offsets of a %DLQ% topic on a broker; group is the topic without %DLQ%.',
  ),
  exporterGauge('rocketmq_consumer_tps', GROUP_TOPIC_LABELS, 'Messages consumed per second by a group from a topic on a broker.'),
  exporterGauge('rocketmq_consumer_message_size', GROUP_TOPIC_LABELS, 'Bytes consumed per second by a group from a topic on a broker.'),
  exporterGauge('rocketmq_consumer_offset', GROUP_TOPIC_LABELS, "Sum of a group's committed offsets over a topic's queues on a broker."),
  exporterGauge('rocketmq_send_back_nums', GROUP_TOPIC_LABELS, 'Messages a group sent back for retry in the last minute.'),
  exporterGauge(
    'rocketmq_group_get_latency_by_storetime',
    GROUP_TOPIC_LABELS,
    "Milliseconds between now and the store time of the first unconsumed message, the max over a broker's queues; 0 when caught up.",
  ),
  exporterGauge(
    'rocketmq_group_diff',
    GROUP_DIFF_LABELS,
    'Backlog of a group on a topic: sum over brokers and queues of max offset minus committed offset.',
  ),
  exporterGauge('rocketmq_group_retrydiff', GROUP_DIFF_LABELS, 'Backlog of a group on its %RETRY% topic.'),
  exporterGauge('rocketmq_group_dlqdiff', GROUP_DIFF_LABELS, 'Backlog of a group on its %DLQ% topic.'),
  exporterGauge(
    'rocketmq_group_count',
    ['caddr', 'localaddr', 'group'],
    'Online consumer instances of a group; caddr and localaddr list their addresses and client ids.',
  ),
] as const;

/**
 * What rocketmq-exporter lacks and its users ask for (docs/architecture.md#metrics-and-dashboards): queue-level lag,
 * up/down, collection health.
 */
export const EXPORTER_EXTRA_METRICS = [
  exporterGauge(
    'rocketmq_group_queue_diff',
    ['cluster', 'broker', 'topic', 'group', 'queueid'],
    'Backlog of a group on one queue: max offset minus committed offset.',
  ),
  exporterGauge('rocketmq_namesrv_up', ['namesrv'], '1 when the last collection reached this name server, 0 when it did not.'),
  exporterGauge('rocketmq_broker_up', BROKER_LABELS, '1 when the last collection reached this broker, 0 when it did not.'),
  exporterGauge('rocketmq_exporter_collect_duration_milliseconds', [], 'Wall time of the last complete collection round.'),
  exporterGauge('rocketmq_exporter_last_collect_timestamp_seconds', [], 'Unix time at which the last collection round finished.'),
  defineMetric({
    name: 'rocketmq_exporter_collect_errors_total',
    type: 'counter',
    family: 'exporter',
    help: 'Admin requests that failed or timed out during collection, by target kind (namesrv, broker) and request.',
    labelNames: ['target', 'request'],
  }),
] as const;
