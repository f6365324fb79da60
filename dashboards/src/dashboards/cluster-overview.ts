import { type DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';

import { METRICS } from '@rocketmq-ts/observability';

import { dashboardShell } from '../panels/dashboard-shell';
import { stat, timeseries, Unit } from '../panels/panels';
import { brokerVariable, clusterVariable, groupVariable, topicVariable } from '../panels/variables';
import { gauge, orZero, rate, sumBy } from '../queries/promql';

const {
  rocketmq_broker_up: brokerUp,
  rocketmq_namesrv_up: namesrvUp,
  rocketmq_broker_tps: brokerTps,
  rocketmq_broker_qps: brokerQps,
} = METRICS;
const { rocketmq_producer_tps: producerTps, rocketmq_consumer_tps: consumerTps, rocketmq_producer_message_size: producerBytes } = METRICS;
const {
  rocketmq_messages_in_total: messagesIn,
  rocketmq_messages_out_total: messagesOut,
  rocketmq_throughput_in_bytes_total: bytesIn,
} = METRICS;
const { rocketmq_group_diff: groupDiff, rocketmq_send_failures_total: sendFailures, rocketmq_remoting_requests_total: requests } = METRICS;
const { rocketmq_exporter_collect_errors_total: collectErrors } = METRICS;

/** Cluster overview: is everything up, how many messages go in and out per broker and topic, what fails. */
export function clusterOverviewDashboard(): DashboardBuilder {
  const dashboard = dashboardShell({
    uid: 'rocketmq-cluster-overview',
    title: 'RocketMQ / Cluster overview',
    description:
      'Up/down, TPS in and out per broker and topic, message sizes and errors. Exporter figures (rocketmq-exporter names) and broker-native counters side by side.',
    variables: [clusterVariable(), brokerVariable(), topicVariable(), groupVariable()],
  });
  healthRow(dashboard);
  throughputPerBrokerRow(dashboard);
  throughputPerTopicRow(dashboard);
  errorsRow(dashboard);
  return dashboard;
}

/** The 'Health' row. */
function healthRow(dashboard: DashboardBuilder): void {
  dashboard
    .withRow(new RowBuilder('Health'))
    .withPanel(
      stat({
        title: 'Brokers up',
        description: 'Brokers the exporter reached in its last round, of those the name servers list.',
        unit: Unit.count,
        queries: [{ expr: sumBy(brokerUp, [], gauge(brokerUp)), legend: 'up' }],
      }),
    )
    .withPanel(
      stat({
        title: 'Name servers up',
        description: 'Name servers the exporter reached in its last round.',
        unit: Unit.count,
        queries: [{ expr: sumBy(namesrvUp, [], gauge(namesrvUp)), legend: 'up' }],
      }),
    )
    .withPanel(
      stat({
        title: 'Produce TPS',
        description: 'Messages written per second, all selected brokers.',
        unit: Unit.messagesPerSecond,
        queries: [{ expr: sumBy(brokerTps, [], gauge(brokerTps)), legend: 'in' }],
      }),
    )
    .withPanel(
      stat({
        title: 'Backlog',
        description: 'Messages stored but not yet consumed, all groups (rocketmq_group_diff).',
        unit: Unit.messages,
        queries: [{ expr: sumBy(groupDiff, [], gauge(groupDiff)), legend: 'backlog' }],
      }),
    );
}

/** The 'Throughput per broker' row. */
function throughputPerBrokerRow(dashboard: DashboardBuilder): void {
  dashboard
    .withRow(new RowBuilder('Throughput per broker'))
    .withPanel(
      timeseries({
        title: 'TPS in per broker',
        description: 'rocketmq_broker_tps: messages written per second on each master.',
        unit: Unit.messagesPerSecond,
        queries: [{ expr: sumBy(brokerTps, ['broker'], gauge(brokerTps)), legend: '{{broker}}' }],
      }),
    )
    .withPanel(
      timeseries({
        title: 'TPS out per broker',
        description: 'rocketmq_broker_qps: messages read by consumers per second.',
        unit: Unit.messagesPerSecond,
        queries: [{ expr: sumBy(brokerQps, ['broker'], gauge(brokerQps)), legend: '{{broker}}' }],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Messages in/out (broker counters)',
        description: 'Rates of the broker-native counters, real time rather than per collection round.',
        unit: Unit.messagesPerSecond,
        queries: [
          { expr: sumBy(messagesIn, ['node_id'], rate(messagesIn)), legend: 'in {{node_id}}' },
          { expr: sumBy(messagesOut, ['node_id'], rate(messagesOut)), legend: 'out {{node_id}}' },
        ],
        span: 24,
      }),
    );
}

/** The 'Throughput per topic' row. */
function throughputPerTopicRow(dashboard: DashboardBuilder): void {
  dashboard
    .withRow(new RowBuilder('Throughput per topic'))
    .withPanel(
      timeseries({
        title: 'TPS in per topic',
        description: 'rocketmq_producer_tps summed over brokers.',
        unit: Unit.messagesPerSecond,
        queries: [{ expr: sumBy(producerTps, ['topic'], gauge(producerTps)), legend: '{{topic}}' }],
      }),
    )
    .withPanel(
      timeseries({
        title: 'TPS out per topic',
        description: 'rocketmq_consumer_tps summed over brokers and groups.',
        unit: Unit.messagesPerSecond,
        queries: [{ expr: sumBy(consumerTps, ['topic'], gauge(consumerTps)), legend: '{{topic}}' }],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Bytes in per topic',
        description: 'rocketmq_producer_message_size: bytes written per second.',
        unit: Unit.bytesPerSecond,
        queries: [{ expr: sumBy(producerBytes, ['topic'], gauge(producerBytes)), legend: '{{topic}}' }],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Average message size per topic',
        description: 'Body bytes over messages stored, from the broker counters.',
        unit: Unit.bytes,
        queries: [
          { expr: `${sumBy(bytesIn, ['topic'], rate(bytesIn))} / ${sumBy(messagesIn, ['topic'], rate(messagesIn))}`, legend: '{{topic}}' },
        ],
      }),
    );
}

/** The 'Errors' row. */
function errorsRow(dashboard: DashboardBuilder): void {
  dashboard
    .withRow(new RowBuilder('Errors'))
    .withPanel(
      timeseries({
        title: 'Send failures',
        description: 'Send requests refused or failed, by response code.',
        unit: Unit.messagesPerSecond,
        queries: [{ expr: orZero(sumBy(sendFailures, ['response_code'], rate(sendFailures))), legend: '{{response_code}}' }],
        span: 8,
      }),
    )
    .withPanel(
      timeseries({
        title: 'Error replies',
        description:
          'Remoting replies other than SUCCESS (0), by request and response code; PULL_NOT_FOUND (19) is normal for idle long polls.',
        unit: Unit.count,
        queries: [
          {
            expr: orZero(sumBy(requests, ['code', 'response_code'], rate(requests, { response_code: '!~0|none' }))),
            legend: '{{code}} → {{response_code}}',
          },
        ],
        span: 8,
      }),
    )
    .withPanel(
      timeseries({
        title: 'Exporter collection errors',
        description: 'Admin requests of the exporter that failed or timed out.',
        unit: Unit.count,
        queries: [{ expr: orZero(sumBy(collectErrors, ['target', 'request'], rate(collectErrors))), legend: '{{target}} {{request}}' }],
        span: 8,
      }),
    );
}
