import { type DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';

import { METRICS } from '@rocketmq-ts/observability';

import { dashboardShell } from '../panels/dashboard-shell';
import { stat, timeseries, Unit } from '../panels/panels';
import { brokerVariable, clusterVariable, groupVariable, testIdVariable, topicVariable } from '../panels/variables';
import { gauge, orZero, quantile, rate, sumBy } from '../queries/promql';

const { k6_iterations_total: iterations, k6_dropped_iterations_total: dropped, k6_vus: vus, k6_rmq_send_latency_p99: k6SendP99 } = METRICS;
const { k6_rmq_send_errors_total: sendErrors, k6_checks_rate: checks } = METRICS;
const { rocketmq_messages_in_total: messagesIn, rocketmq_messages_out_total: messagesOut, rocketmq_send_latency_milliseconds: sendLatency } = METRICS;
const { nodejs_eventloop_lag_seconds: loopLag, process_cpu_seconds_total: cpu } = METRICS;
const ON_BROKERS = { node_type: 'broker' } as const;

/**
 * Load test: what k6 asked for and got (written by `k6 run -o experimental-prometheus-rw`, picked
 * by testid) next to what the brokers did meanwhile. The k6 rows stay empty until a run writes.
 */
export function loadTestDashboard(): DashboardBuilder {
  return dashboardShell({
    uid: 'rocketmq-load-test',
    title: 'RocketMQ / Load test',
    description: 'k6 send rate, dropped iterations, client-side p99 and errors, against broker TPS, broker send latency, event-loop lag and CPU.',
    variables: [testIdVariable(), clusterVariable(), brokerVariable(), topicVariable(), groupVariable()],
  })
    .withRow(new RowBuilder('k6'))
    .withPanel(stat({ title: 'Achieved send rate', description: 'Iterations per second; one send per iteration.', unit: Unit.messagesPerSecond, queries: [{ expr: sumBy(iterations, [], rate(iterations)), legend: 'sends' }] }))
    .withPanel(stat({ title: 'Dropped iterations', description: 'Sends k6 could not start at the target rate: above 0, the target was not reached.', unit: Unit.count, queries: [{ expr: orZero(sumBy(dropped, [], rate(dropped))), legend: 'dropped' }] }))
    .withPanel(stat({ title: 'Virtual users', description: 'VUs k6 needed to hold the rate.', unit: Unit.count, queries: [{ expr: sumBy(vus, [], gauge(vus)), legend: 'vus' }] }))
    .withPanel(stat({ title: 'Checks passed', description: 'Fraction of k6 checks that passed.', unit: Unit.ratio, queries: [{ expr: gauge(checks), legend: '{{scenario}}' }] }))
    .withPanel(
      timeseries({
        title: 'Client-side send latency p99',
        description: 'As k6 measured it, network and client included.',
        unit: Unit.seconds,
        queries: [{ expr: gauge(k6SendP99), legend: '{{scenario}}' }],
      }),
    )
    .withPanel(timeseries({ title: 'Send errors', description: 'Sends the load script counted as failed.', unit: Unit.count, queries: [{ expr: orZero(sumBy(sendErrors, ['scenario'], rate(sendErrors))), legend: '{{scenario}}' }] }))
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
    .withPanel(timeseries({ title: 'Broker send latency p99', description: 'Broker-side: decode to store acknowledgement.', unit: Unit.milliseconds, queries: [{ expr: quantile(0.99, sendLatency, ['node_id']), legend: '{{node_id}}' }] }))
    .withPanel(timeseries({ title: 'Broker event-loop lag', description: 'A lag that grows with the rate is the saturation point.', unit: Unit.seconds, queries: [{ expr: gauge(loopLag, ON_BROKERS), legend: '{{node_id}}' }] }))
    .withPanel(timeseries({ title: 'Broker CPU', description: 'CPU seconds per second per broker.', unit: Unit.count, queries: [{ expr: sumBy(cpu, ['node_id'], rate(cpu, ON_BROKERS)), legend: '{{node_id}}' }] }));
}
