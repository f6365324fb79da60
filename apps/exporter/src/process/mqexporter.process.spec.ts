// bin/mqexporter against a real namesrv and broker (child processes, real wire): a producer
// writes to a topic, one group commits everything and one commits only part, and /metrics must
// show rocketmq-exporter's names and label sets, the lagging group's backlog (per group and per
// queue, in messages and store time) above zero and the caught-up group's at zero, produce TPS
// once more messages arrive, and the broker reported down (its series gone) once it is killed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Producer } from '@rocketmq-ts/client';
import { METRIC_DEFINITIONS, ROCKETMQ_EXPORTER_METRICS } from '@rocketmq-ts/observability';
import {
  commitOffset,
  createGroup,
  createTopic,
  freePort,
  type LocalCluster,
  type ManagedProcess,
  spawnProcess,
  startLocalCluster,
  topicOffsets,
  waitFor,
  WORKSPACE_ROOT,
} from '@rocketmq-ts/testing';

import { samplesOf, scrape, type ScrapedSample } from '../testing/prometheus-text';

const CLUSTER_NAME = 'DefaultCluster';
const TOPIC = 'ExporterSpecTopic';
const LAGGING = 'exporter_spec_lagging';
const CAUGHT_UP = 'exporter_spec_caught_up';
const QUEUES = 4;
const FIRST_BATCH = 40;

describe('Exporter > mqexporter process against a real cluster', () => {
  let cluster: LocalCluster;
  let exporter: ManagedProcess;
  let httpPort: number;
  let committedByLagging = 0;

  async function scrapeUntil(check: (samples: ScrapedSample[]) => boolean, reason: string): Promise<ScrapedSample[]> {
    return waitFor(
      async () => {
        const samples = await scrape(httpPort);
        return check(samples) ? samples : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 300, reason },
    );
  }

  beforeAll(async () => {
    cluster = await startLocalCluster({
      label: 'exporter-spec',
      brokerName: 'exporter-spec-broker',
      brokerSettings: { brokerClusterName: CLUSTER_NAME },
    });
    await createTopic(cluster, TOPIC, QUEUES);
    await Promise.all([createGroup(cluster.brokerAddr, LAGGING), createGroup(cluster.brokerAddr, CAUGHT_UP)]);
    const producer = new Producer({ namesrvAddr: cluster.namesrvAddr, producerGroup: 'exporter_spec_producer' });
    await producer.start();
    try {
      for (let index = 0; index < FIRST_BATCH; index++) await producer.send({ topic: TOPIC, body: Buffer.from(`message ${index}`) });
    } finally {
      await producer.shutdown();
    }
    for (const [queueId, { maxOffset }] of await topicOffsets(cluster.brokerAddr, TOPIC)) {
      await commitOffset(cluster.brokerAddr, CAUGHT_UP, TOPIC, queueId, maxOffset);
      // The lagging group consumed one message of queue 0 (so its lag in time comes from the last consumed message) and none elsewhere.
      const committed = queueId === 0 ? Math.min(1, maxOffset) : 0;
      await commitOffset(cluster.brokerAddr, LAGGING, TOPIC, queueId, committed);
      committedByLagging += committed;
    }
    httpPort = await freePort();
    exporter = spawnProcess({
      name: 'exporter',
      command: `${WORKSPACE_ROOT}/bin/mqexporter`,
      args: [`--namesrvAddr=${cluster.namesrvAddr}`, `--httpPort=${httpPort}`, '--bindAddress=127.0.0.1', '--collectIntervalMillis=1000'],
      cwd: WORKSPACE_ROOT,
    });
    await exporter.waitForOutput(/boot success/, { timeoutMs: 90_000, reason: 'exporter started' });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('reports the lagging group above zero and the caught-up group at zero, per group and per queue', async () => {
    const samples = await scrapeUntil(
      (all) => samplesOf(all, 'rocketmq_group_diff', { group: LAGGING }).length > 0,
      'lag of the lagging group in /metrics',
    );
    const [lagging] = samplesOf(samples, 'rocketmq_group_diff', { group: LAGGING, topic: TOPIC });
    expect(lagging?.value).toBe(FIRST_BATCH - committedByLagging);
    expect(lagging?.labels).toEqual({ group: LAGGING, topic: TOPIC, countOfOnlineConsumers: '0', msgModel: '1' });
    expect(samplesOf(samples, 'rocketmq_group_diff', { group: CAUGHT_UP, topic: TOPIC }).map((sample) => sample.value)).toEqual([0]);

    const queues = samplesOf(samples, 'rocketmq_group_queue_diff', {
      group: LAGGING,
      topic: TOPIC,
      cluster: CLUSTER_NAME,
      broker: cluster.brokerName,
    });
    expect(queues.map((sample) => sample.labels['queueid']).sort()).toEqual(['0', '1', '2', '3']);
    expect(queues.reduce((sum, sample) => sum + sample.value, 0)).toBe(FIRST_BATCH - committedByLagging);

    const latency = samplesOf(samples, 'rocketmq_group_get_latency_by_storetime', { topic: TOPIC });
    expect(latency.find((sample) => sample.labels['group'] === LAGGING)?.value).toBeGreaterThan(0);
    expect(latency.find((sample) => sample.labels['group'] === CAUGHT_UP)?.value).toBe(0);
    expect(
      samplesOf(samples, 'rocketmq_producer_offset', { cluster: CLUSTER_NAME, broker: cluster.brokerName, topic: TOPIC }).map(
        (sample) => sample.value,
      ),
    ).toEqual([FIRST_BATCH]);
  });

  it("uses rocketmq-exporter's names with exactly their label sets, and no name outside the catalogue", async () => {
    // Rates need two rounds: wait for the second. The broker prints its 10 s TPS window only once it
    // has held 10 s of samples (blank before, as Java's StoreStatsService): wait for that too.
    const samples = await scrapeUntil(
      (all) => samplesOf(all, 'rocketmq_broker_tps').length > 0 && samplesOf(all, 'rocketmq_brokeruntime_put_tps10').length > 0,
      'a second collection round, and a broker old enough for its 10 s TPS window',
    );
    const labelsByName = new Map(ROCKETMQ_EXPORTER_METRICS.map((definition) => [definition.name, [...definition.labelNames].sort()]));
    const catalogue = new Set(METRIC_DEFINITIONS.map((definition) => definition.name));
    for (const sample of samples) {
      if (sample.name.startsWith('rocketmq_')) expect(catalogue, sample.name).toContain(sample.name);
      const expected = labelsByName.get(sample.name);
      if (expected !== undefined) expect(Object.keys(sample.labels).sort(), sample.name).toEqual(expected);
    }
    const present = new Set(samples.map((sample) => sample.name));
    for (const name of [
      'rocketmq_group_diff',
      'rocketmq_group_retrydiff',
      'rocketmq_group_dlqdiff',
      'rocketmq_group_count',
      'rocketmq_consumer_offset',
      'rocketmq_producer_offset',
      'rocketmq_group_get_latency_by_storetime',
      'rocketmq_brokeruntime_commitlog_maxoffset',
      'rocketmq_brokeruntime_put_tps10',
      'rocketmq_brokeruntime_pmdt_0ms',
      'rocketmq_broker_tps',
      'rocketmq_broker_qps',
    ]) {
      expect(present, name).toContain(name);
    }
    expect(
      samplesOf(samples, 'rocketmq_broker_up', { cluster: CLUSTER_NAME, broker: cluster.brokerName, brokerIP: cluster.brokerAddr }).map(
        (sample) => sample.value,
      ),
    ).toEqual([1]);
    expect(samplesOf(samples, 'rocketmq_namesrv_up', { namesrv: cluster.namesrvAddr }).map((sample) => sample.value)).toEqual([1]);
    expect(samplesOf(samples, 'process_cpu_seconds_total', { node_type: 'exporter' })).toHaveLength(1);
  });

  it('derives produce TPS from offsets growing between rounds', async () => {
    const producer = new Producer({ namesrvAddr: cluster.namesrvAddr, producerGroup: 'exporter_spec_producer_2' });
    await producer.start();
    try {
      await waitFor(
        async () => {
          await producer.send({ topic: TOPIC, body: Buffer.from('more') });
          return samplesOf(await scrape(httpPort), 'rocketmq_producer_tps', { topic: TOPIC }).some((sample) => sample.value > 0);
        },
        { timeoutMs: 30_000, intervalMs: 200, reason: 'a positive rocketmq_producer_tps' },
      );
    } finally {
      await producer.shutdown();
    }
  });

  it('reports a killed broker down and drops its other series, while the name server stays up', async () => {
    await cluster.broker.process.stop({ graceMs: 0 });
    const samples = await scrapeUntil(
      (all) => samplesOf(all, 'rocketmq_broker_up', { broker: cluster.brokerName }).some((sample) => sample.value === 0),
      'broker reported down',
    );
    expect(samplesOf(samples, 'rocketmq_group_diff')).toEqual([]);
    expect(samplesOf(samples, 'rocketmq_producer_offset')).toEqual([]);
    expect(samplesOf(samples, 'rocketmq_namesrv_up', { namesrv: cluster.namesrvAddr }).map((sample) => sample.value)).toEqual([1]);
  });
});
