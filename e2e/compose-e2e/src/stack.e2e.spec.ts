// Acceptance for issue 13: `docker compose up` of compose/compose.yaml brings up the monitored
// 2m-2s-sync cluster, and clients on the host (the official Java client, ali-ons, our client) and
// inside the stack (the exporter) reach every broker through the routes the name servers hand out.
// Then broker-a's master is SIGKILLed with `docker kill` mid-send (nothing acknowledged is lost,
// Prometheus fires RocketMQBrokerDown), `docker compose start` brings it back (it re-registers,
// its slave catches up, the alert resolves), every scrape target is up, every dashboard query
// returns data, every app stops with exit 0 on SIGTERM, and `docker compose down -v` leaves
// nothing. The images come from tools/docker/build-images.sh (nx's `images` target runs it first).
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';

import { Producer, PushConsumer } from '@rocketmq-ts/client';
import { createRequest, GetRouteInfoRequestHeader, RequestCode, ResponseCode, TopicRouteData } from '@rocketmq-ts/protocol';
import {
  checkPanelQueries,
  committedDashboards,
  groupsOf,
  messagesIn,
  portOf,
  PrometheusApi,
  readsLoadTest,
  remotingRequest,
  uniqueName,
  updateTopicOnCluster,
  variablesWithoutValues,
  waitFor,
  waitForTopicOn,
} from '@rocketmq-ts/testing';
import { javaReceive, javaSend, OnsKeyCollector, OnsSendLoop, useOnsClients } from '@rocketmq-ts/testing/clients';

import {
  APP_SERVICES,
  busyPorts,
  coldStartSeconds,
  compose,
  containerOf,
  docker,
  runLoadtest,
  stackLeftovers,
  waitHealthy,
} from './support/compose';
import { grafanaProvisioningProblems } from './support/grafana';

const NAMESRVS = ['127.0.0.1:9876', '127.0.0.1:9877'];
const MASTER_A = '127.0.0.1:10911';
const SLAVE_A = '127.0.0.1:11011';
const MASTER_B = '127.0.0.1:10921';
const HEALTHY_WITHIN_S = 90;
const PER_CLIENT = 5_000;
const prometheus = new PrometheusApi('http://127.0.0.1:9090');
const report: string[] = [];
const suiteStart = Date.now();
const { closers, printOnFailure } = useOnsClients();

function dumpStackOnFailure(): void {
  onTestFailed(async () => {
    const logs = await compose(['logs', '--no-color', '--tail', '15']).catch((error: Error) => error.message);
    process.stderr.write(`compose logs (last lines of each service):\n${logs}\n`);
  });
  printOnFailure({ onTestFailed });
}

async function alertsNamed(name: string, service: string): Promise<string[]> {
  return (await prometheus.alerts())
    .filter((alert) => alert.labels['alertname'] === name && alert.labels['service'] === service)
    .map((alert) => alert.state);
}

describe('docker compose: the monitored 2m-2s-sync cluster', () => {
  const topic = uniqueName('ComposeTopic');

  beforeAll(async () => {
    // From a clean state: nothing of an earlier run, nothing else on the stack's ports.
    await compose(['down', '-v', '--remove-orphans'], 120_000);
    expect(await busyPorts(), 'ports of the stack already taken (an `npm start` cluster?)').toEqual([]);
  });

  afterAll(async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
    // A test that failed midway leaves the stack up: take it down so the next run starts clean.
    if ((await stackLeftovers().catch(() => [])).length > 0)
      await compose(['down', '-v', '--remove-orphans'], 120_000).catch(() => undefined);
    report.push(`suite wall time ${((Date.now() - suiteStart) / 1000).toFixed(0)} s`);
    process.stdout.write(`\ncompose-e2e measurements:\n  ${report.join('\n  ')}\n`);
  });

  it(`comes up healthy within ${HEALTHY_WITHIN_S} s, brokers after name servers, slaves after masters`, async () => {
    dumpStackOnFailure();
    const started = Date.now();
    await compose(['up', '-d', '--wait', '--wait-timeout', String(HEALTHY_WITHIN_S)], (HEALTHY_WITHIN_S + 30) * 1000);
    const seconds = (Date.now() - started) / 1000;
    report.push(`docker compose up -d --wait: ${seconds.toFixed(1)} s to all healthy`);
    expect(seconds).toBeLessThanOrEqual(HEALTHY_WITHIN_S);
    const colds = await Promise.all(APP_SERVICES.map(async (service) => `${service} ${(await coldStartSeconds(service)).toFixed(1)} s`));
    report.push(`cold start (container start to "boot success"): ${colds.join(', ')}`);
    // depends_on order as the engine ran it: a slave starts only after its master is healthy.
    const startedAt = async (service: string): Promise<number> =>
      Date.parse((await docker(['inspect', '-f', '{{.State.StartedAt}}', containerOf(service)])).trim());
    for (const [before, after] of [
      ['namesrv-1', 'broker-a'],
      ['namesrv-2', 'broker-b'],
      ['broker-a', 'broker-a-s'],
      ['broker-b', 'broker-b-s'],
    ] as const) {
      expect(await startedAt(after), `${after} after ${before}`).toBeGreaterThan(await startedAt(before));
    }
    const user = (await docker(['inspect', '-f', '{{.Config.User}}', containerOf('broker-a')])).trim();
    expect(user).toBe('node');
  });

  it('lists 2 groups x (master + slave) with bin/mqadmin clusterList -n 127.0.0.1:9876 on the host', async () => {
    await waitFor(
      async () => JSON.stringify(await groupsOf(NAMESRVS[0] as string)) === JSON.stringify({ 'broker-a': [0, 1], 'broker-b': [0, 1] }),
      {
        timeoutMs: 30_000,
        intervalMs: 1000,
        reason: 'both groups with master and slave in clusterList',
      },
    );
  });

  it('takes 10,000 messages on both groups from the Java client and ali-ons on the host, and both consume all', async () => {
    dumpStackOnFailure();
    await updateTopicOnCluster(NAMESRVS[0] as string, topic);
    const started = Date.now();
    const onsLoop = new OnsSendLoop(NAMESRVS, topic, 'ons', uniqueName('compose_ons_producer'), 0);
    await onsLoop.start();
    const [javaAcks] = await Promise.all([
      javaSend(NAMESRVS, topic, 'java', PER_CLIENT),
      waitFor(() => onsLoop.acks.length >= PER_CLIENT, { timeoutMs: 180_000, intervalMs: 20, reason: `${PER_CLIENT} ali-ons acks` }).then(
        () => onsLoop.stop(),
      ),
    ]);
    const acks = [...javaAcks, ...onsLoop.acks];
    report.push(
      `send: ${acks.length} acknowledged (Java ${javaAcks.length}, ali-ons ${onsLoop.acks.length}) in ${((Date.now() - started) / 1000).toFixed(1)} s; ali-ons failures ${onsLoop.failures.length}`,
    );
    expect(acks.length).toBeGreaterThanOrEqual(2 * PER_CLIENT);
    expect(new Set(acks.map((ack) => ack.brokerName))).toEqual(new Set(['broker-a', 'broker-b']));
    const keys = acks.map((ack) => ack.key);

    const stored = await messagesIn([MASTER_A, MASTER_B], topic);
    const onsReader = new OnsKeyCollector(NAMESRVS, topic, 'compose_ons_reader');
    await onsReader.ready();
    const javaKeys = await javaReceive(NAMESRVS, topic, 'compose_java_reader', stored);
    expect(keys.filter((key) => !javaKeys.has(key))).toEqual([]);
    await waitFor(() => onsReader.missing(keys).length === 0, {
      timeoutMs: 120_000,
      intervalMs: 500,
      reason: 'ali-ons consumer got every key',
    });
    await onsReader.close();
  });

  it('has the exporter, a client inside the stack, reach every broker and report the groups lag', async () => {
    await waitFor(async () => (await prometheus.query('rocketmq_broker_up == 1')).length === 4, {
      timeoutMs: 60_000,
      intervalMs: 1000,
      reason: 'exporter reaches all 4 brokers',
    });
    // Each reader group's lag as the exporter reports it: a number per group, from 0 (caught up) to
    // the messages sent. Not required to be 0: ali-ons commits its offsets on a 5 s timer, and a
    // reader closed between two commits leaves a lag behind that nothing will consume.
    const lags = await waitFor(
      async () => {
        const series = await prometheus.query(
          `sum by (group) (rocketmq_group_diff{topic="${topic}",group=~"compose_java_reader|compose_ons_reader"})`,
        );
        return series.length === 2 ? series.map((entry) => Number(entry.value[1])) : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 1000, reason: 'exporter lag of both reader groups' },
    );
    for (const lag of lags) {
      expect(Number.isInteger(lag)).toBe(true);
      expect(lag).toBeGreaterThanOrEqual(0);
      // No more than was sent: two clients, each a little over PER_CLIENT.
      expect(lag).toBeLessThanOrEqual(3 * PER_CLIENT);
    }
  });

  it('loses no acknowledged message when broker-a is SIGKILLed mid-send, and Prometheus fires RocketMQBrokerDown', async () => {
    dumpStackOnFailure();
    const failover = uniqueName('ComposeFailover');
    await updateTopicOnCluster(NAMESRVS[0] as string, failover);
    // A slave serves a topic only once it learnt it from its master (slaveSynchronizeIntervalMillis, 10 s).
    await waitForTopicOn(SLAVE_A, failover);
    const loop = new OnsSendLoop(NAMESRVS, failover, 'failover', uniqueName('compose_failover_producer'));
    await loop.start();
    closers.push(() => loop.stop());
    await waitFor(() => loop.acksOf('broker-a').length >= 100, {
      timeoutMs: 60_000,
      intervalMs: 100,
      reason: 'acks from broker-a before the kill',
    });
    const killedAt = Date.now();
    await docker(['kill', containerOf('broker-a')]);
    await waitFor(() => loop.acksOf('broker-b', killedAt + 2000).length >= 100, {
      timeoutMs: 90_000,
      intervalMs: 200,
      reason: 'sends go on to broker-b',
    });
    await loop.stop();
    const acks = loop.acks;
    report.push(
      `failover: ${acks.length} acknowledged (${loop.acksOf('broker-a').length} on broker-a before the kill), ${loop.failures.length} failed sends`,
    );

    const stored = await messagesIn([SLAVE_A, MASTER_B], failover);
    const received = await javaReceive(NAMESRVS, failover, 'compose_failover_reader', stored);
    expect(acks.map((ack) => ack.key).filter((key) => !received.has(key))).toEqual([]);

    await waitFor(async () => (await alertsNamed('RocketMQBrokerDown', 'broker-a')).includes('firing'), {
      timeoutMs: 90_000,
      intervalMs: 1000,
      reason: 'RocketMQBrokerDown firing for broker-a',
    });
    report.push(`RocketMQBrokerDown firing ${((Date.now() - killedAt) / 1000).toFixed(0)} s after the kill`);
  });

  it('brings broker-a back with docker compose start: it re-registers, its slave catches up, the alert resolves', async () => {
    dumpStackOnFailure();
    const started = Date.now();
    await compose(['start', 'broker-a']);
    await waitHealthy('broker-a', 90_000);
    // On every name server, and with the topic's queues: a fresh Java producer may ask either one.
    for (const namesrv of NAMESRVS) {
      await waitFor(async () => JSON.stringify((await groupsOf(namesrv))['broker-a']) === '[0,1]', {
        timeoutMs: 60_000,
        intervalMs: 1000,
        reason: `broker-a master registered again on ${namesrv}`,
      });
      await waitFor(async () => ((await routeBrokers(namesrv, topic)).includes('broker-a') ? true : undefined), {
        timeoutMs: 60_000,
        intervalMs: 1000,
        reason: `${namesrv} routes ${topic} to broker-a again`,
      });
    }
    report.push(`broker-a back (healthy, registered) ${((Date.now() - started) / 1000).toFixed(1)} s after docker compose start`);
    const acks = await javaSend(NAMESRVS, topic, 'after-restart', 200);
    expect(acks.filter((ack) => ack.brokerName === 'broker-a').length).toBeGreaterThan(0);
    // Caught up: the master sees its slave attached at zero lag, the exporter sees no commit-log diff.
    await waitFor(
      async () => {
        const [lag, diff] = await Promise.all([
          prometheus.query('rocketmq_ha_replication_lag_bytes{role="master",node_id="broker-a"}'),
          prometheus.query('rocketmq_broker_commitlog_diff{broker="broker-a"}'),
        ]);
        return lag.length === 1 && diff.length === 1 && [...lag, ...diff].every((entry) => entry.value[1] === '0');
      },
      { timeoutMs: 90_000, intervalMs: 1000, reason: 'broker-a slave caught up in Prometheus' },
    );
    await waitFor(async () => (await alertsNamed('RocketMQBrokerDown', 'broker-a')).length === 0, {
      timeoutMs: 90_000,
      intervalMs: 1000,
      reason: 'RocketMQBrokerDown resolved',
    });
    report.push(`RocketMQBrokerDown resolved ${((Date.now() - started) / 1000).toFixed(0)} s after docker compose start`);
  });

  it('has every Prometheus target up and every alert rule of compose/prometheus/alerts.yml evaluating without error', async () => {
    // The load-test runner's target is up only while a run lasts (checked with the runs below).
    const stackTargets = async (): Promise<Awaited<ReturnType<PrometheusApi['targets']>>> =>
      (await prometheus.targets()).filter((target) => target.labels['job'] !== 'loadtest');
    await waitFor(async () => (await stackTargets()).every((target) => target.health === 'up'), {
      timeoutMs: 30_000,
      intervalMs: 1000,
      reason: 'every target up',
    });
    const services = (await stackTargets()).map((target) => target.labels['service']).sort();
    // The console has no Prometheus endpoint of its own: every other app is scraped.
    expect(services).toEqual([...APP_SERVICES.filter((service) => service !== 'console'), 'prometheus'].sort());
    const rules = await prometheus.rules();
    expect(rules.filter((rule) => rule.type === 'alerting').length).toBe(9);
    expect(rules.filter((rule) => rule.health !== 'ok').map((rule) => `${rule.name}: ${rule.health} ${rule.lastError ?? ''}`)).toEqual([]);
  });

  it('returns data for every query of every dashboard (but the load-test ones) under a steady load', async () => {
    dumpStackOnFailure();
    const load = uniqueName('ComposeDashboards');
    await updateTopicOnCluster(NAMESRVS[0] as string, load);
    // Our TypeScript client this time: a third kind of client on the host.
    const producer = new Producer({ namesrvAddr: NAMESRVS.join(';'), producerGroup: uniqueName('compose_load_producer') });
    const reader = new PushConsumer({
      namesrvAddr: NAMESRVS.join(';'),
      consumerGroup: 'compose_load_reader',
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    });
    reader.subscribe(load);
    reader.onMessage(async () => undefined);
    await Promise.all([producer.start(), reader.start()]);
    let loading = true;
    const sending = (async () => {
      for (let sent = 0; loading; sent += 1) {
        await producer.send({ topic: load, body: Buffer.alloc(256, sent % 256) });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    closers.push(async () => {
      loading = false;
      await sending.catch(() => undefined);
      await reader.shutdown();
      await producer.shutdown();
    });
    const rising = async (metric: string): Promise<boolean> => (await prometheus.query(`rate(${metric}[1m]) > 0`)).length > 0;
    await waitFor(
      async () =>
        (await prometheus.query('rocketmq_consumer_tps > 0')).length > 0 &&
        (await rising('rocketmq_messages_in_total')) &&
        (await rising('rocketmq_messages_out_total')),
      {
        timeoutMs: 90_000,
        intervalMs: 1000,
        reason: 'produce and consume rates visible in Prometheus',
      },
    );
    const dashboards = committedDashboards();
    // The load-test runner is not part of the stack: queries that read it are left out.
    const { empty, uncatalogued, checked, leftOut } = await checkPanelQueries(prometheus, dashboards, '1m', readsLoadTest);
    expect(uncatalogued).toEqual([]);
    expect(empty).toEqual([]);
    expect(await variablesWithoutValues(prometheus, dashboards, readsLoadTest)).toEqual([]);
    report.push(`dashboards: ${checked.length} panel queries with data, ${leftOut.length} load-test queries left out`);
    expect(checked.length).toBeGreaterThanOrEqual(60);
  });

  it('runs a load test in the loadtest profile: Prometheus scrapes the runner, every load-test dashboard query returns data, thresholds hold', async () => {
    dumpStackOnFailure();
    const started = Date.now();
    const run = runLoadtest(['steady-send', '--duration', '45s', '--testid', 'compose-e2e', '-q'], 180_000);
    const dashboards = committedDashboards();
    const onlyLoadTest = (expr: string): boolean => !readsLoadTest(expr);
    const checks = await waitFor(
      async () => {
        const panels = await checkPanelQueries(prometheus, dashboards, '1m', onlyLoadTest);
        const variables = await variablesWithoutValues(prometheus, dashboards, onlyLoadTest);
        return panels.empty.length === 0 && variables.length === 0 && panels.checked.length > 0 ? panels : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 2000, reason: 'every load-test dashboard query with data while the runner runs' },
    );
    expect((await prometheus.targets()).find((target) => target.labels['job'] === 'loadtest')?.health).toBe('up');
    const { code, output } = await run;
    report.push(
      `loadtest profile: steady-send 45 s exited ${code} after ${((Date.now() - started) / 1000).toFixed(0)} s; ${checks.checked.length} load-test panel queries with data`,
    );
    expect(code, output).toBe(0);
    expect(output).toMatch(/✓ send_latency/);
    expect(checks.checked.length).toBeGreaterThanOrEqual(10);
  });

  it('runs the failover scenario in the loadtest profile: the runner kills broker-a by its port, nothing acknowledged is lost, the container restarts', async () => {
    dumpStackOnFailure();
    const restartsBefore = Number((await docker(['inspect', '-f', '{{.RestartCount}}', containerOf('broker-a')])).trim());
    const { code, output } = await runLoadtest(['failover', '--duration', '20s', '--testid', 'compose-e2e-failover', '-q'], 240_000);
    expect(code, output).toBe(0);
    expect(output).toMatch(/SIGKILLed pid \d+, the master of broker-a/);
    expect(output).toMatch(/✓ lost_messages/);
    await waitHealthy('broker-a', 90_000);
    expect(Number((await docker(['inspect', '-f', '{{.RestartCount}}', containerOf('broker-a')])).trim())).toBeGreaterThan(restartsBefore);
    report.push(
      `loadtest profile: failover 20 s exited 0 (${/lost_messages[^\n]*/.exec(output)?.[0] ?? ''}); broker-a restarted by its policy`,
    );
  });

  it('serves the console at 127.0.0.1:8082: both broker groups through its API, the web UI, the API docs', async () => {
    // Login is off on its loopback bind: asking for the session opens one (as the web UI does).
    const session = await fetch('http://127.0.0.1:8082/api/v1/session');
    expect(session.status).toBe(200);
    const cookie = session.headers
      .getSetCookie()
      .map((entry) => entry.split(';')[0])
      .join('; ');
    const text = await (await fetch('http://127.0.0.1:8082/api/v1/clusters', { headers: { cookie } })).text();
    for (const address of [MASTER_A, SLAVE_A, MASTER_B]) expect(text).toContain(address);
    const page = await fetch('http://127.0.0.1:8082/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>RocketMQ console</title>');
    expect((await fetch('http://127.0.0.1:8082/api/docs/swagger-ui-bundle.js')).status).toBe(200);
    expect((await fetch('http://127.0.0.1:8082/api/docs/openapi.json')).status).toBe(200);
  });

  it('provisions Grafana (profile grafana) so that its datasource reaches this Prometheus from the host network', async () => {
    expect(await grafanaProvisioningProblems()).toEqual([]);
  });

  it('stops every app gracefully on SIGTERM (exit 0), and leaves no container, network or volume after docker compose down -v', async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
    let started = Date.now();
    await compose(['stop'], 120_000);
    report.push(`docker compose stop (SIGTERM): ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const exits = await Promise.all(
      APP_SERVICES.map(
        async (service) => `${service}=${(await docker(['inspect', '-f', '{{.State.ExitCode}}', containerOf(service)])).trim()}`,
      ),
    );
    expect(exits).toEqual(APP_SERVICES.map((service) => `${service}=0`));
    started = Date.now();
    await compose(['down', '-v'], 120_000);
    report.push(`docker compose down -v: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(await stackLeftovers()).toEqual([]);
  });
});

/** The broker names a name server routes `topic` to (none when it has no route). */
async function routeBrokers(namesrv: string, topic: string): Promise<string[]> {
  const response = await remotingRequest(
    portOf(namesrv),
    createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: GetRouteInfoRequestHeader.encode({ topic }) }),
    { timeoutMs: 5_000 },
  );
  if (response.code !== ResponseCode.SUCCESS || response.body === undefined) return [];
  return TopicRouteData.decode(response.body).queueDatas.map((queue) => queue.brokerName);
}
