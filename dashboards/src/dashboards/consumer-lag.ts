import { type DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';

import { METRICS } from '@rocketmq-ts/observability';

import { dashboardShell } from '../panels/dashboard-shell';
import { stat, timeseries, Unit } from '../panels/panels';
import { brokerVariable, clusterVariable, groupVariable, topicVariable } from '../panels/variables';
import { aggregateBy, gauge, sumBy } from '../queries/promql';

const {
  rocketmq_group_diff: groupDiff,
  rocketmq_group_queue_diff: queueDiff,
  rocketmq_group_retrydiff: retryDiff,
  rocketmq_group_dlqdiff: dlqDiff,
} = METRICS;
const {
  rocketmq_group_get_latency_by_storetime: latency,
  rocketmq_consumer_tps: consumerTps,
  rocketmq_producer_tps: producerTps,
} = METRICS;
const { rocketmq_group_count: groupCount, rocketmq_consumer_offset: consumerOffset, rocketmq_producer_offset: producerOffset } = METRICS;

/** Consumer lag: how far behind each group is, in messages and in time, per topic and per queue. */
export function consumerLagDashboard(): DashboardBuilder {
  const dashboard = dashboardShell({
    uid: 'rocketmq-consumer-lag',
    title: 'RocketMQ / Consumer lag',
    description: 'Backlog per group, topic and queue; lag in time by store time; consume TPS against produce TPS.',
    variables: [clusterVariable(), brokerVariable(), topicVariable(), groupVariable()],
  });
  backlogRow(dashboard);
  lagInTimeRow(dashboard);
  ratesRow(dashboard);
  return dashboard;
}

/** The 'Backlog' row. */
function backlogRow(dashboard: DashboardBuilder): void {
  dashboard
    .withRow(new RowBuilder('Backlog'))
    .withPanel(
      stat({
        title: 'Total backlog',
        description: 'Sum of rocketmq_group_diff over the selected groups and topics.',
        unit: Unit.messages,
        queries: [{ expr: sumBy(groupDiff, [], gauge(groupDiff)), legend: 'backlog' }],
      }),
    )
    .withPanel(
      stat({
        title: 'Worst lag in time',
        description: 'Oldest unconsumed message, over the selected groups.',
        unit: Unit.milliseconds,
        queries: [{ expr: aggregateBy('max', latency, [], gauge(latency)), legend: 'lag' }],
      }),
    )
    .withPanel(
      stat({
        title: 'Retry backlog',
        description: "Unconsumed messages in the groups' %RETRY% topics.",
        unit: Unit.messages,
        queries: [{ expr: sumBy(retryDiff, [], gauge(retryDiff)), legend: 'retry' }],
      }),
    )
    .withPanel(
      stat({
        title: 'Dead letters',
        description: "Messages in the groups' %DLQ% topics not consumed.",
        unit: Unit.messages,
        queries: [{ expr: sumBy(dlqDiff, [], gauge(dlqDiff)), legend: 'dlq' }],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Lag per group and topic',
        description: 'rocketmq_group_diff: max offset minus committed offset, summed over brokers and queues.',
        unit: Unit.messages,
        queries: [{ expr: sumBy(groupDiff, ['group', 'topic'], gauge(groupDiff)), legend: '{{group}} / {{topic}}' }],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Lag per queue',
        description: 'rocketmq_group_queue_diff: one series per queue, to find a stuck consumer instance.',
        unit: Unit.messages,
        queries: [{ expr: gauge(queueDiff), legend: '{{group}} / {{topic}} @{{broker}} q{{queueid}}' }],
      }),
    );
}

/** The 'Lag in time' row. */
function lagInTimeRow(dashboard: DashboardBuilder): void {
  dashboard.withRow(new RowBuilder('Lag in time')).withPanel(
    timeseries({
      title: 'Lag in time per group and topic',
      description: 'rocketmq_group_get_latency_by_storetime: now minus the store time of the first unconsumed message; 0 when caught up.',
      unit: Unit.milliseconds,
      queries: [{ expr: aggregateBy('max', latency, ['group', 'topic'], gauge(latency)), legend: '{{group}} / {{topic}}' }],
      span: 24,
    }),
  );
}

/** The 'Rates' row. */
function ratesRow(dashboard: DashboardBuilder): void {
  dashboard
    .withRow(new RowBuilder('Rates'))
    .withPanel(
      timeseries({
        title: 'Consume TPS vs produce TPS',
        description: 'When consume stays below produce, the backlog grows.',
        unit: Unit.messagesPerSecond,
        queries: [
          { expr: sumBy(producerTps, ['topic'], gauge(producerTps)), legend: 'produce {{topic}}' },
          { expr: sumBy(consumerTps, ['group', 'topic'], gauge(consumerTps)), legend: 'consume {{group}} / {{topic}}' },
        ],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Online consumers',
        description: 'rocketmq_group_count: consumer instances connected per group.',
        unit: Unit.count,
        queries: [{ expr: sumBy(groupCount, ['group'], gauge(groupCount)), legend: '{{group}}' }],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Offsets',
        description:
          'Committed consumer offsets against the high-water mark of the topic (rocketmq_consumer_offset, rocketmq_producer_offset).',
        unit: Unit.messages,
        queries: [
          { expr: sumBy(producerOffset, ['topic'], gauge(producerOffset)), legend: 'max {{topic}}' },
          { expr: sumBy(consumerOffset, ['group', 'topic'], gauge(consumerOffset)), legend: 'committed {{group}} / {{topic}}' },
        ],
        span: 24,
      }),
    );
}
