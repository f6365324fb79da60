import { type DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';

import { METRICS } from '@rocketmq-ts/observability';

import { dashboardShell } from '../panels/dashboard-shell';
import { stat, timeseries, Unit } from '../panels/panels';
import { brokerVariable, clusterVariable, groupVariable, testIdVariable, topicVariable } from '../panels/variables';
import { aggregateBy, gauge, orZero, quantile, rate, sumBy } from '../queries/promql';

const {
  loadtest_iterations_total: iterations,
  loadtest_dropped_iterations_total: dropped,
  loadtest_vus: vus,
  loadtest_messages_sent_total: sent,
} = METRICS;
const {
  loadtest_send_latency_milliseconds: clientLatency,
  loadtest_send_errors_total: sendErrors,
  loadtest_checks_total: checks,
} = METRICS;
const { loadtest_messages_consumed_total: consumed, loadtest_consumer_lag_messages: lag } = METRICS;
const {
  rocketmq_messages_in_total: messagesIn,
  rocketmq_messages_out_total: messagesOut,
  rocketmq_send_latency_milliseconds: sendLatency,
} = METRICS;
const { nodejs_eventloop_lag_seconds: loopLag, process_cpu_seconds_total: cpu } = METRICS;
const ON_BROKERS = { node_type: 'broker' } as const;

/**
 * Load test: what the runner (loadtests/, its own /metrics, picked by testid) asked for and got,
 * next to what the brokers did meanwhile.
 */
export function loadTestDashboard(): DashboardBuilder {
  const dashboard = dashboardShell({
    uid: 'rocketmq-load-test',
    title: 'RocketMQ / Load test',
    description:
      'Load-test runner: achieved send rate, dropped iterations, client-side latency, errors, consumption and lag, against broker TPS, broker send latency, event-loop lag and CPU.',
    variables: [testIdVariable(), clusterVariable(), brokerVariable(), topicVariable(), groupVariable()],
  });
  loadTestRunnerRow(dashboard);
  brokersUnderLoadRow(dashboard);
  return dashboard;
}

/** The 'Load-test runner' row. */
function loadTestRunnerRow(dashboard: DashboardBuilder): void {
  dashboard
    .withRow(new RowBuilder('Load-test runner'))
    .withPanel(
      stat({
        title: 'Achieved send rate',
        description: 'Acknowledged sends per second, and iterations per second (failed ones included).',
        unit: Unit.messagesPerSecond,
        queries: [
          { expr: sumBy(sent, [], rate(sent)), legend: 'acked' },
          { expr: sumBy(iterations, [], rate(iterations)), legend: 'iterations' },
        ],
      }),
    )
    .withPanel(
      stat({
        title: 'Dropped iterations',
        description: 'Iterations not started on time because every allowed VU was busy: above 0, the target rate was not reached.',
        unit: Unit.count,
        queries: [{ expr: orZero(sumBy(dropped, [], rate(dropped))), legend: 'dropped' }],
      }),
    )
    .withPanel(
      stat({
        title: 'Virtual users',
        description: 'VUs allocated (arrival-rate executors: what was needed to hold the rate).',
        unit: Unit.count,
        queries: [{ expr: sumBy(vus, [], gauge(vus)), legend: 'vus' }],
      }),
    )
    .withPanel(
      stat({
        title: 'Checks passed',
        description: 'Share of passed checks (in order, body intact, acknowledged SEND_OK).',
        unit: Unit.ratio,
        queries: [
          {
            expr: `${sumBy(checks, ['scenario'], rate(checks, { result: 'pass' }))} / ${sumBy(checks, ['scenario'], rate(checks))}`,
            legend: '{{scenario}}',
          },
        ],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Client-side send latency',
        description:
          'As the runner measured it, network and client included; arrival-rate executors count from the intended start, so a stall is not hidden.',
        unit: Unit.milliseconds,
        queries: [
          { expr: quantile(0.5, clientLatency, ['scenario']), legend: 'p50 {{scenario}}' },
          { expr: quantile(0.99, clientLatency, ['scenario']), legend: 'p99 {{scenario}}' },
        ],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Send errors',
        description: 'Failed sends per second by response code.',
        unit: Unit.count,
        queries: [{ expr: orZero(sumBy(sendErrors, ['code'], rate(sendErrors))), legend: '{{code}}' }],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Consumed',
        description: "Messages of the run delivered to the run's consumers, per second.",
        unit: Unit.messagesPerSecond,
        queries: [{ expr: sumBy(consumed, ['scenario'], rate(consumed)), legend: '{{scenario}}' }],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Consumer lag',
        description:
          'Messages acknowledged to the producers and not yet delivered to the consumers: grows while producers outrun consumers, drains after.',
        unit: Unit.count,
        queries: [{ expr: aggregateBy('max', lag, ['scenario'], gauge(lag)), legend: '{{scenario}}' }],
      }),
    );
}

/** The 'Brokers under load' row. */
function brokersUnderLoadRow(dashboard: DashboardBuilder): void {
  dashboard
    .withRow(new RowBuilder('Brokers under load'))
    .withPanel(
      timeseries({
        title: 'Broker TPS in/out',
        description: 'What the brokers stored and delivered meanwhile.',
        unit: Unit.messagesPerSecond,
        queries: [
          { expr: sumBy(messagesIn, ['node_id'], rate(messagesIn)), legend: 'in {{node_id}}' },
          { expr: sumBy(messagesOut, ['node_id'], rate(messagesOut)), legend: 'out {{node_id}}' },
        ],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Broker send latency p99',
        description: 'Broker-side: decode to store acknowledgement.',
        unit: Unit.milliseconds,
        queries: [{ expr: quantile(0.99, sendLatency, ['node_id']), legend: '{{node_id}}' }],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Broker event-loop lag',
        description: 'A lag that grows with the rate is the saturation point.',
        unit: Unit.seconds,
        queries: [{ expr: gauge(loopLag, ON_BROKERS), legend: '{{node_id}}' }],
      }),
    )
    .withPanel(
      timeseries({
        title: 'Broker CPU',
        description: 'CPU seconds per second per broker.',
        unit: Unit.count,
        queries: [{ expr: sumBy(cpu, ['node_id'], rate(cpu, ON_BROKERS)), legend: '{{node_id}}' }],
      }),
    );
}
