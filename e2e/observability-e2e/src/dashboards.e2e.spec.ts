// Acceptance for issue 6: a real Prometheus scrapes our namesrv, a broker group (SYNC_MASTER and
// its SLAVE) and the exporter while a producer writes, a push consumer reads, and two more consumer
// groups commit (one keeps up, one lags). Every query of every panel and variable of every
// committed dashboard (compose/grafana/dashboards) must return at least one series from
// Prometheus's HTTP API, and the lagging group's rocketmq_group_diff must be above zero while the
// caught-up group's is zero. The load-test runner (bin/loadtest steady-send) runs meanwhile and is
// scraped too, so the load-test dashboard's runner panels are checked like every other. The
// replication metrics come from both brokers (HA lag gauges, by role) and from the exporter
// (commit-log diff, one series for the slave), and read zero once the producer stops.
// Node labels (cluster, node_type, node_id) come from the apps' own registries, not the scrape config.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Producer, PushConsumer } from '@rocketmq-ts/client';
import { METRICS } from '@rocketmq-ts/observability';
import {
  checkPanelQueries,
  committedDashboards,
  freePort,
  type ManagedProcess,
  processes,
  readsLoadTest,
  spawnProcess,
  variablesWithoutValues,
  waitFor,
  WORKSPACE_ROOT,
} from '@rocketmq-ts/testing';

import {
  CLUSTER_NAME,
  commitOffset,
  createGroup,
  createTopic,
  maxOffsets,
  type ObservedCluster,
  startObservedCluster,
} from './support/local-cluster';
import { PrometheusServer } from './support/prometheus';

const TOPIC = 'ObservabilityTopic';
const LAGGING = 'observability_lagging';
const CAUGHT_UP = 'observability_caught_up';
/** A real consumer, so the pull side (messages and bytes out, pull latency, long-poll holds) has traffic. */
const READER = 'observability_reader';
const LAG_MESSAGES = 25;
const SCRAPE_SECONDS = 1;
/** What Grafana's $__rate_interval would be here: wide enough for several scrapes and exporter rounds. */
const RATE_WINDOW = '30s';

describe('Observability > dashboards against a real Prometheus', () => {
  let cluster: ObservedCluster;
  let prometheus: PrometheusServer;
  let producer: Producer;
  let reader: PushConsumer;
  let loadtest: ManagedProcess;
  let consumed = 0;
  let loading = true;
  let load: Promise<void> = Promise.resolve();

  async function commitGroups(lagBy: number): Promise<void> {
    for (const [queueId, maxOffset] of await maxOffsets(cluster.brokerAddr, TOPIC)) {
      await commitOffset(cluster.brokerAddr, CAUGHT_UP, TOPIC, queueId, maxOffset);
      if (queueId === 0) await commitOffset(cluster.brokerAddr, LAGGING, TOPIC, queueId, Math.max(0, maxOffset - lagBy));
    }
  }

  /** A steady producer, and both groups committing as they go (the lagging one stays behind on queue 0 and never reads the others). */
  async function runLoad(): Promise<void> {
    let sent = 0;
    while (loading) {
      await producer.send({ topic: TOPIC, body: Buffer.alloc(256, sent % 256) });
      sent += 1;
      if (sent % 20 === 0) await commitGroups(LAG_MESSAGES);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  beforeAll(async () => {
    cluster = await startObservedCluster('observability-broker', 2000);
    await createTopic(cluster, TOPIC, 4);
    await Promise.all([createGroup(cluster.brokerAddr, LAGGING), createGroup(cluster.brokerAddr, CAUGHT_UP)]);
    const loadtestPort = await freePort();
    prometheus = await PrometheusServer.start(
      [
        { job: 'rmq-namesrv', target: cluster.namesrvHttp },
        { job: 'rmq-broker', target: cluster.brokerHttp },
        { job: 'rmq-broker-slave', target: cluster.slaveHttp },
        { job: 'rmq-exporter', target: cluster.exporterHttp },
        { job: 'rmq-loadtest', target: `127.0.0.1:${loadtestPort}` },
      ],
      SCRAPE_SECONDS,
    );
    producer = new Producer({ namesrvAddr: cluster.namesrvAddr, producerGroup: 'observability_producer' });
    await producer.start();
    reader = new PushConsumer({ namesrvAddr: cluster.namesrvAddr, consumerGroup: READER, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
    reader.subscribe(TOPIC);
    reader.onMessage(async () => {
      consumed += 1;
    });
    await reader.start();
    load = runLoad();
    // The runner as a user starts it for the dashboard: a steady scenario, long enough to outlast the suite (stopped in afterAll).
    loadtest = spawnProcess({
      name: 'loadtest-steady-send',
      command: `${WORKSPACE_ROOT}/bin/loadtest`,
      args: [
        'steady-send',
        '-n',
        cluster.namesrvAddr,
        '--duration',
        '10m',
        '--metrics-port',
        String(loadtestPort),
        '--testid',
        'observability-e2e',
        '-q',
      ],
      cwd: WORKSPACE_ROOT,
      logFile: true,
    });
    // Rates need two exporter rounds and a few scrapes of each.
    const rising = async (metric: string): Promise<boolean> => (await prometheus.query(`rate(${metric}[${RATE_WINDOW}]) > 0`)).length > 0;
    await waitFor(
      async () =>
        (await prometheus.query('rocketmq_consumer_tps > 0')).length > 0 &&
        (await rising(METRICS.rocketmq_messages_in_total.name)) &&
        (await rising(METRICS.rocketmq_messages_out_total.name)) &&
        (await rising(METRICS.loadtest_messages_consumed_total.name)),
      {
        timeoutMs: 90_000,
        intervalMs: 1000,
        reason: 'produce and consume rates visible in Prometheus',
      },
    );
  });

  afterAll(async () => {
    loading = false;
    await load.catch(() => undefined);
    loadtest?.kill('SIGTERM');
    await loadtest?.waitForExit({ timeoutMs: 60_000, reason: 'loadtest summary after SIGTERM' }).catch(() => undefined);
    await reader?.shutdown();
    await producer?.shutdown();
    await processes.stopAll({ graceMs: 10_000 });
    prometheus?.removeData();
    for (const dir of cluster?.dirs ?? []) dir.remove();
  });

  it('scrapes every target', async () => {
    expect(Object.fromEntries(await prometheus.targetsUp())).toEqual({
      'rmq-namesrv': true,
      'rmq-broker': true,
      'rmq-broker-slave': true,
      'rmq-exporter': true,
      'rmq-loadtest': true,
    });
  });

  it('gets the node labels from the apps themselves, and pulls counted by topic and group', async () => {
    const brokerSeries = await prometheus.query(`${METRICS.rocketmq_messages_in_total.name}{topic="${TOPIC}"}`);
    expect(brokerSeries.map((series) => [series.metric['cluster'], series.metric['node_type'], series.metric['node_id']])).toEqual([
      [CLUSTER_NAME, 'broker', cluster.brokerName],
    ]);
    const namesrvSeries = await prometheus.query(METRICS.rocketmq_namesrv_topics.name);
    expect(namesrvSeries.map((series) => series.metric['node_type'])).toEqual(['namesrv']);
    const [out] = await prometheus.query(`sum(${METRICS.rocketmq_messages_out_total.name}{topic="${TOPIC}",consumer_group="${READER}"})`);
    expect(Number(out?.value[1])).toBeGreaterThan(0);
    expect(consumed).toBeGreaterThan(0);
  });

  it('gets at least one series for every panel query of every dashboard', async () => {
    const dashboards = committedDashboards();
    expect(dashboards).toHaveLength(4);
    const { empty, uncatalogued, checked } = await checkPanelQueries(prometheus, dashboards, RATE_WINDOW);
    expect(uncatalogued).toEqual([]);
    expect(empty).toEqual([]);
    // 70 panel queries today, none left out; 10 of them read the load-test runner.
    expect(checked.length).toBeGreaterThanOrEqual(70);
    expect(checked.filter((query) => readsLoadTest(query.expr)).length).toBeGreaterThanOrEqual(10);
  });

  it('lists values for every dashboard variable', async () => {
    expect(await variablesWithoutValues(prometheus, committedDashboards())).toEqual([]);
  });

  it('shows the lagging group above zero and the caught-up group at zero once the producer stops', async () => {
    loading = false;
    await load;
    await commitGroups(LAG_MESSAGES);
    const diff = (group: string) => `sum(${METRICS.rocketmq_group_diff.name}{group="${group}",topic="${TOPIC}"})`;
    await waitFor(async () => (await prometheus.query(`${diff(CAUGHT_UP)} == 0`)).length > 0, {
      timeoutMs: 30_000,
      intervalMs: 500,
      reason: 'caught-up group at zero lag in Prometheus',
    });
    const [lagging] = await prometheus.query(diff(LAGGING));
    expect(Number(lagging?.value[1])).toBeGreaterThanOrEqual(LAG_MESSAGES);
    const [queueLag] = await prometheus.query(`sum(${METRICS.rocketmq_group_queue_diff.name}{group="${LAGGING}",topic="${TOPIC}"})`);
    expect(Number(queueLag?.value[1])).toBe(Number(lagging?.value[1]));
    const [latency] = await prometheus.query(`max(${METRICS.rocketmq_group_get_latency_by_storetime.name}{group="${LAGGING}"})`);
    expect(Number(latency?.value[1])).toBeGreaterThan(0);
  });

  it('reads replication lag on both brokers and the commit-log diff for the slave, all zero once the producer stops', async () => {
    const {
      rocketmq_ha_replication_lag_bytes: lagBytes,
      rocketmq_ha_replication_lag_milliseconds: lagMs,
      rocketmq_broker_commitlog_diff: diff,
    } = METRICS;
    const zeroEverywhere = async (): Promise<boolean> => {
      const [bytes, masterMs, commitlogDiff] = await Promise.all([
        prometheus.query(`${lagBytes.name}{node_id="${cluster.brokerName}"}`),
        prometheus.query(`${lagMs.name}{role="master",node_id="${cluster.brokerName}"}`),
        prometheus.query(`${diff.name}{broker="${cluster.brokerName}"}`),
      ]);
      const all = [...bytes, ...masterMs, ...commitlogDiff];
      return (
        bytes.length === 2 && masterMs.length === 1 && commitlogDiff.length === 1 && all.every((series) => Number(series.value[1]) === 0)
      );
    };
    await waitFor(zeroEverywhere, { timeoutMs: 30_000, intervalMs: 500, reason: 'replication caught up in Prometheus' });
    const bytes = await prometheus.query(`${lagBytes.name}{node_id="${cluster.brokerName}"}`);
    const byRole = new Map(bytes.map((series) => [series.metric['role'], series.metric]));
    expect(byRole.get('slave')?.['peer']).toBe(cluster.brokerHaAddr);
    expect(byRole.get('master')?.['peer']).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(byRole.get('slave')?.['instance']).toBe(cluster.slaveHttp);
    const [slaveFreshness] = await prometheus.query(`${lagMs.name}{role="slave",node_id="${cluster.brokerName}"}`);
    // Frames reach a live slave at least every haSendHeartbeatInterval (5 s).
    expect(Number(slaveFreshness?.value[1])).toBeLessThan(10_000);
    const [slaveDiff] = await prometheus.query(`${diff.name}{broker="${cluster.brokerName}"}`);
    expect(slaveDiff?.metric['brokerIP']).toBe(cluster.slaveAddr);
  });
});
