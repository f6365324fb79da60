import { type DashboardBuilder, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';

import { brokerRuntimeMetric, METRICS } from '@rocketmq-ts/observability';

import { dashboardShell } from '../panels/dashboard-shell';
import { timeseries, Unit } from '../panels/panels';
import { brokerVariable, clusterVariable } from '../panels/variables';
import { gauge, quantile, rate, sumBy } from '../queries/promql';

const ON_BROKERS = { node_type: 'broker' } as const;
const { rocketmq_storage_disk_usage_ratio: diskRatio, rocketmq_storage_size_bytes: storageSize } = METRICS;
const { rocketmq_storage_flush_behind_bytes: flushBehind, rocketmq_storage_dispatch_behind_bytes: dispatchBehind } = METRICS;
const { rocketmq_send_latency_milliseconds: sendLatency, rocketmq_storage_flush_latency_milliseconds: flushLatency } = METRICS;
const { rocketmq_pull_latency_milliseconds: pullLatency, rocketmq_remoting_request_latency_milliseconds: requestLatency } = METRICS;
const {
  rocketmq_ha_replication_lag_bytes: haLagBytes,
  rocketmq_ha_replication_lag_milliseconds: haLagMs,
  rocketmq_broker_commitlog_diff: commitlogDiff,
} = METRICS;
const { rocketmq_long_polling_held_requests: heldPulls, rocketmq_broker_connections: connections } = METRICS;
const { rocketmq_broker_producer_clients: producers, rocketmq_broker_consumer_clients: consumers } = METRICS;
const {
  nodejs_eventloop_lag_seconds: loopLag,
  nodejs_eventloop_lag_p99_seconds: loopLagP99,
  nodejs_heap_size_used_bytes: heapUsed,
} = METRICS;
const { nodejs_heap_size_total_bytes: heapTotal, process_resident_memory_bytes: rss, process_cpu_seconds_total: cpu } = METRICS;
const exporterDiskRatio = brokerRuntimeMetric('commitlog_disk_ratio');

/** Latency percentiles of one broker histogram, one series per broker and percentile. */
function percentiles(metric: typeof sendLatency | typeof flushLatency | typeof pullLatency): { expr: string; legend: string }[] {
  return [0.5, 0.99, 0.999].map((q) => ({ expr: quantile(q, metric, ['node_id']), legend: `p${q * 100} {{node_id}}` }));
}

/** Broker health: disk, latency percentiles, replication, long polling, and the Node process under it. */
export function brokerHealthDashboard(): DashboardBuilder {
  const dashboard = dashboardShell({
    uid: 'rocketmq-broker-health',
    title: 'RocketMQ / Broker health',
    description:
      'Disk, flush and send latency percentiles, replication lag master→slave, long-poll holds, connections, event-loop lag and heap.',
    variables: [clusterVariable(), brokerVariable()],
  });
  diskRow(dashboard);
  latencyRow(dashboard);
  replicationRow(dashboard);
  requestsAndClientsRow(dashboard);
  nodeRuntimeRow(dashboard);
  return dashboard;
}

/** The 'Disk' row. */
function diskRow(dashboard: DashboardBuilder): void {
  dashboard
    .withRow(new RowBuilder('Disk'))
    .withPanel(
      timeseries({
        title: 'Commit-log disk usage',
        description: 'Used fraction of the file system holding the commit log (broker gauge and the exporter figure).',
        unit: Unit.ratio,
        queries: [
          { expr: gauge(diskRatio), legend: '{{node_id}}' },
          { expr: gauge(exporterDiskRatio), legend: 'exporter {{brokerIP}}' },
        ],
        span: 8,
      }),
    )
    .withPanel(
      timeseries({
        title: 'Store size',
        description: 'Bytes on disk per store part.',
        unit: Unit.bytes,
        queries: [{ expr: gauge(storageSize), legend: '{{node_id}} {{storage_type}}' }],
        span: 8,
      }),
    )
    .withPanel(
      timeseries({
        title: 'Flush and dispatch backlog',
        description: 'Commit-log bytes not yet flushed, and not yet dispatched to consume queues.',
        unit: Unit.bytes,
        queries: [
          { expr: gauge(flushBehind), legend: 'flush {{node_id}}' },
          { expr: gauge(dispatchBehind), legend: 'dispatch {{node_id}}' },
        ],
        span: 8,
      }),
    );
}

/** The 'Latency' row. */
function latencyRow(dashboard: DashboardBuilder): void {
  dashboard
    .withRow(new RowBuilder('Latency'))
    .withPanel(
      timeseries({
        title: 'Send latency',
        description: 'Send request to store acknowledgement, flush and replication waits included.',
        unit: Unit.milliseconds,
        queries: percentiles(sendLatency),
        span: 8,
      }),
    )
    .withPanel(
      timeseries({
        title: 'Flush latency',
        description: 'Duration of each commit-log fsync.',
        unit: Unit.milliseconds,
        queries: percentiles(flushLatency),
        span: 8,
      }),
    )
    .withPanel(
      timeseries({
        title: 'Pull latency',
        description: 'Pull request to reply, long-poll holds excluded.',
        unit: Unit.milliseconds,
        queries: percentiles(pullLatency),
        span: 8,
      }),
    )
    .withPanel(
      timeseries({
        title: 'Request latency p99 by code',
        description: 'Every remoting request, by request code.',
        unit: Unit.milliseconds,
        queries: [{ expr: quantile(0.99, requestLatency, ['node_id', 'code'], ON_BROKERS), legend: '{{node_id}} code {{code}}' }],
        span: 24,
      }),
    );
}

/** The 'Replication' row. */
function replicationRow(dashboard: DashboardBuilder): void {
  dashboard
    .withRow(new RowBuilder('Replication'))
    .withPanel(
      timeseries({
        title: 'Replication lag (bytes)',
        description: 'How far each slave is behind its master, reported by both sides.',
        unit: Unit.bytes,
        queries: [{ expr: gauge(haLagBytes), legend: '{{node_id}} {{role}} ↔ {{peer}}' }],
        span: 8,
      }),
    )
    .withPanel(
      timeseries({
        title: 'Replication lag (time)',
        description: 'Time since each slave last caught up with its master.',
        unit: Unit.milliseconds,
        queries: [{ expr: gauge(haLagMs), legend: '{{node_id}} {{role}} ↔ {{peer}}' }],
        span: 8,
      }),
    )
    .withPanel(
      timeseries({
        title: 'Master→slave commit-log diff',
        description: 'rocketmq_broker_commitlog_diff from the exporter; brokerIP is the slave.',
        unit: Unit.bytes,
        queries: [{ expr: gauge(commitlogDiff), legend: '{{broker}} → {{brokerIP}}' }],
        span: 8,
      }),
    );
}

/** The 'Requests and clients' row. */
function requestsAndClientsRow(dashboard: DashboardBuilder): void {
  dashboard
    .withRow(new RowBuilder('Requests and clients'))
    .withPanel(
      timeseries({
        title: 'Long-poll holds',
        description: 'Pull requests held waiting for messages.',
        unit: Unit.count,
        queries: [{ expr: gauge(heldPulls), legend: '{{node_id}}' }],
        span: 8,
      }),
    )
    .withPanel(
      timeseries({
        title: 'Connections',
        description: 'Open remoting TCP connections.',
        unit: Unit.count,
        queries: [{ expr: gauge(connections), legend: '{{node_id}}' }],
        span: 8,
      }),
    )
    .withPanel(
      timeseries({
        title: 'Clients',
        description: 'Producer and consumer client channels with a live heartbeat.',
        unit: Unit.count,
        queries: [
          { expr: gauge(producers), legend: 'producers {{node_id}}' },
          { expr: gauge(consumers), legend: 'consumers {{node_id}}' },
        ],
        span: 8,
      }),
    );
}

/** The 'Node runtime' row. */
function nodeRuntimeRow(dashboard: DashboardBuilder): void {
  dashboard
    .withRow(new RowBuilder('Node runtime'))
    .withPanel(
      timeseries({
        title: 'Event-loop lag',
        description: 'Lag at scrape time and the p99 since start; anything near a send timeout stalls every connection.',
        unit: Unit.seconds,
        queries: [
          { expr: gauge(loopLag, ON_BROKERS), legend: 'now {{node_id}}' },
          { expr: gauge(loopLagP99, ON_BROKERS), legend: 'p99 {{node_id}}' },
        ],
        span: 8,
      }),
    )
    .withPanel(
      timeseries({
        title: 'Memory',
        description: 'V8 heap used and reserved, and resident set size.',
        unit: Unit.bytes,
        queries: [
          { expr: gauge(heapUsed, ON_BROKERS), legend: 'heap used {{node_id}}' },
          { expr: gauge(heapTotal, ON_BROKERS), legend: 'heap total {{node_id}}' },
          { expr: gauge(rss, ON_BROKERS), legend: 'rss {{node_id}}' },
        ],
        span: 8,
      }),
    )
    .withPanel(
      timeseries({
        title: 'CPU',
        description: 'CPU seconds per second (1 = one core busy).',
        unit: Unit.count,
        queries: [{ expr: sumBy(cpu, ['node_id'], rate(cpu, ON_BROKERS)), legend: '{{node_id}}' }],
        span: 8,
      }),
    );
}
