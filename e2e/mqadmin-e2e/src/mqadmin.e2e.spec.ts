import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { isSystemTopic } from '@rocketmq-ts/model';
import { useProcessHygiene } from '@rocketmq-ts/testing';

import { type AdminRun, runAdminBatch } from './support/admin-batch';
import { type AdminCluster, BROKER_NAME, CLUSTER, startApacheCluster, startOurCluster, waitForRegistration } from './support/clusters';
import { type AdminCommand, liveCommands, MESSAGES, setupCommands, TOPIC, UPDATED_KEY, UPDATED_VALUE } from './support/commands';
import { keyValueLines, normalise } from './support/normalise';
import { startWorkload } from './support/workload';

// Apache's own `mqadmin` (rocketmq-tools 5.3.3) against our name server and broker, and against
// Apache's, with a live Java producer and consumer: every command of the acceptance list must
// complete on both, print no exception, and print the same thing once addresses, ids, times and
// rates are masked (support/normalise.ts says what and why). Where the two brokers legitimately
// differ (configuration keys, system topics) the comparison is on the shared part, named per case.

/** Stats windows sample every 10 s on both brokers: wait past one sample so statsAll has figures. */
const STATS_SAMPLE_WAIT_MS = 11_000;

interface ClusterRuns {
  readonly cluster: AdminCluster;
  readonly runs: ReadonlyMap<string, AdminRun>;
}

async function exercise(cluster: AdminCluster): Promise<ClusterRuns> {
  await waitForRegistration(cluster);
  const setup = setupCommands(cluster.namesrvAddr);
  const setupRuns = await runAdminBatch(
    `${cluster.kind}-setup`,
    setup.map((command) => command.args),
  );
  const workload = await startWorkload(cluster.kind, cluster.namesrvAddr);
  await new Promise((resolve) => setTimeout(resolve, STATS_SAMPLE_WAIT_MS));
  const live = liveCommands({
    namesrvAddr: cluster.namesrvAddr,
    brokerAddr: cluster.brokerAddr,
    offsetMsgId: workload.offsetMsgId,
    firstQueueId: workload.firstQueueId,
  });
  const liveRuns = await runAdminBatch(
    `${cluster.kind}-live`,
    live.map((command) => command.args),
  );
  await workload.process.stop({ graceMs: 10_000 });
  const runs = new Map<string, AdminRun>();
  const keep = (commands: readonly AdminCommand[], results: readonly AdminRun[]) =>
    commands.forEach((command, index) => runs.set(command.id, results[index] as AdminRun));
  keep(setup, setupRuns);
  keep(live, liveRuns);
  return { cluster, runs };
}

/**
 * Apache 5.3.3's broker answers QUERY_TOPIC_CONSUME_BY_WHO with one more group named like the topic
 * (AdminTopic), so its message tracks end with a failed lookup of %RETRY%AdminTopic. We have not
 * traced where Apache registers that group; the suite drops that track (and its wrapped second line).
 */
function withoutTopicNamedGroup(text: string): string {
  return text.replace(new RegExp(`\\nMessageTrack \\[consumerGroup=${TOPIC}, trackType=UNKNOWN[^\\n]*(\\nSee https[^\\n]*)?`, 'g'), '');
}

describe('mqadmin 5.3.3 > our cluster vs Apache 5.3.3', () => {
  useProcessHygiene({ beforeEach, afterAll });
  let ours: ClusterRuns;
  let apache: ClusterRuns;

  beforeAll(async () => {
    const started = Date.now();
    const [ourCluster, apacheCluster] = await Promise.all([startOurCluster(), startApacheCluster()]);
    [ours, apache] = await Promise.all([exercise(ourCluster), exercise(apacheCluster)]);
    const millis = (runs: ClusterRuns) => [...runs.runs.values()].reduce((sum, run) => sum + run.millis, 0);
    process.stderr.write(
      `mqadmin-e2e: ${ours.runs.size} commands per cluster; command time ours ${millis(ours)} ms, Apache ${millis(apache)} ms; set-up and runs ${Date.now() - started} ms\n`,
    );
    for (const [id, run] of ours.runs)
      process.stderr.write(
        `mqadmin-e2e:   ${id.padEnd(32)} ours ${String(run.millis).padStart(6)} ms   Apache ${String(apache.runs.get(id)?.millis ?? -1).padStart(6)} ms\n`,
      );
  });

  const output = (side: ClusterRuns, id: string): string => {
    const run = side.runs.get(id);
    if (run === undefined) throw new Error(`no run of ${id}`);
    return normalise(run.output, side.cluster);
  };

  it('runs every command to completion on both clusters, with no exception printed', () => {
    for (const side of [ours, apache]) {
      for (const [id, run] of side.runs) {
        expect({ cluster: side.cluster.kind, id, completed: run.completed }).toEqual({ cluster: side.cluster.kind, id, completed: true });
        expect({
          cluster: side.cluster.kind,
          id,
          exception: /Exception|\bat org\.apache/.test(withoutTopicNamedGroup(run.output)) ? run.output : undefined,
        }).toEqual({ cluster: side.cluster.kind, id, exception: undefined });
      }
    }
  });

  const sameOutput = [
    'updateTopic',
    'updateSubGroup',
    'updateTopic(scratch)',
    'updateSubGroup(scratch)',
    'topicRoute',
    'topicStatus',
    'consumerProgress',
    'consumerConnection',
    'producerConnection',
    'updateBrokerConfig',
    'queryMsgById',
    'queryMsgByKey',
    'queryMsgByOffset',
    'updateKvConfig',
    'resetOffsetByTime',
    'deleteSubGroup',
    'deleteTopic',
  ];
  it.each(sameOutput)('%s prints the same as on Apache', (id) => {
    expect(withoutTopicNamedGroup(output(ours, id))).toBe(withoutTopicNamedGroup(output(apache, id)));
  });

  it('clusterList: same row, with ACTIVATED true on the master', () => {
    // #InTPS(LOAD), #OutTPS(LOAD), #Hour and #SPACE are rates and disk figures (masked or differing by machine state).
    const row = (side: ClusterRuns) => {
      const lines = output(side, 'clusterList').split('\n');
      const fields = (lines[1] ?? '').split(' ');
      return {
        header: lines[0],
        cluster: fields[0],
        broker: fields[1],
        bid: fields[2],
        addr: fields[3],
        version: fields[4],
        activated: fields.at(-1),
      };
    };
    expect(row(ours)).toEqual(row(apache));
    expect(row(ours).activated).toBe('true');
  });

  it.each(['topicList', 'topicList -c'])('%s: the same user topics (and consumer groups); system topics are each broker’s own', (id) => {
    const userLines = (side: ClusterRuns) =>
      output(side, id)
        .split('\n')
        .filter((line) => !line.startsWith('#'))
        .filter((line) => {
          const [, topic = '', group] = id === 'topicList' ? ['', line] : line.split(' ');
          // Apache 5.3.3 also lists a consumer group named like the topic itself (seen, not traced): left out.
          if (group === topic) return false;
          return !isSystemTopic(topic) && !/_REPLY_TOPIC$/.test(topic) && topic !== CLUSTER && topic !== BROKER_NAME;
        })
        .sort();
    expect(userLines(ours)).toEqual(userLines(apache));
    expect(userLines(ours).join('\n')).toContain('AdminTopic');
  });

  it('brokerStatus: every key the tools read is present, the traffic counters move, a master is active', () => {
    const table = (side: ClusterRuns) => keyValueLines(side.runs.get('brokerStatus')?.output ?? '', ':');
    const [ourTable, apacheTable] = [table(ours), table(apache)];
    const keysTheToolsRead = [
      'brokerVersionDesc',
      'brokerActive',
      'putTps',
      'getTransferredTps',
      'msgPutTotalTodayNow',
      'msgGetTotalTodayNow',
      'msgPutTotalTodayMorning',
      'msgGetTotalTodayMorning',
      'msgPutTotalYesterdayMorning',
      'msgGetTotalYesterdayMorning',
      'earliestMessageTimeStamp',
      'commitLogDiskRatio',
      'sendThreadPoolQueueSize',
      'pullThreadPoolQueueSize',
      'pageCacheLockTimeMills',
      'bootTimestamp',
      'runtime',
    ];
    for (const key of keysTheToolsRead)
      expect({ key, ours: ourTable.has(key), apache: apacheTable.has(key) }).toEqual({ key, ours: true, apache: true });
    for (const key of ['brokerVersionDesc', 'brokerActive', 'msgPutTotalTodayNow'])
      expect({ key, value: ourTable.get(key) }).toEqual({ key, value: apacheTable.get(key) });
    expect(ourTable.get('msgPutTotalTodayNow')).toBe(String(MESSAGES));
    expect(Number(ourTable.get('msgGetTotalTodayNow'))).toBeGreaterThanOrEqual(MESSAGES);
    expect(Number(ourTable.get('earliestMessageTimeStamp'))).toBeGreaterThan(0);
  });

  it('getBrokerConfig: the shared keys agree, and updateBrokerConfig took effect on both', () => {
    const table = (side: ClusterRuns, id: string) => keyValueLines(side.runs.get(id)?.output ?? '', '=');
    const shared = [
      'brokerClusterName',
      'brokerName',
      'brokerId',
      'brokerRole',
      'flushDiskType',
      'brokerPermission',
      'autoCreateTopicEnable',
      'autoCreateSubscriptionGroup',
      'defaultTopicQueueNums',
      'traceOn',
      'longPollingEnable',
      'maxMessageSize',
      'messageDelayLevel',
    ];
    for (const id of ['getBrokerConfig', 'getBrokerConfig(after update)']) {
      const [ourTable, apacheTable] = [table(ours, id), table(apache, id)];
      for (const key of shared) expect({ id, key, value: ourTable.get(key) }).toEqual({ id, key, value: apacheTable.get(key) });
    }
    expect(table(ours, 'getBrokerConfig(after update)').get(UPDATED_KEY)).toBe(UPDATED_VALUE);
    expect(table(apache, 'getBrokerConfig(after update)').get(UPDATED_KEY)).toBe(UPDATED_VALUE);
  });

  it('getNamesrvConfig: the shared keys agree', () => {
    const table = (side: ClusterRuns) => keyValueLines(side.runs.get('getNamesrvConfig')?.output ?? '', '=');
    const [ourTable, apacheTable] = [table(ours), table(apache)];
    for (const key of [
      'orderMessageEnable',
      'returnOrderTopicConfigToBroker',
      'enableAllTopicList',
      'enableTopicList',
      'supportActingMaster',
      'deleteTopicWithBrokerRegistration',
      'scanNotActiveBrokerInterval',
      'serverChannelMaxIdleTimeSeconds',
    ]) {
      expect({ key, value: ourTable.get(key) }).toEqual({ key, value: apacheTable.get(key) });
    }
  });

  it('statsAll: the topic and its group with both traffic columns moving', () => {
    // Whole counters here come from sampled windows (10 s on both brokers), so only their presence and sign are compared.
    const row = (side: ClusterRuns) => {
      const fields = (output(side, 'statsAll').split('\n')[1] ?? '').split(' ');
      return { topic: fields[0], group: fields[1], accumulation: fields[2], inMsg: Number(fields[5]) > 0, outMsg: Number(fields[6]) > 0 };
    };
    expect(row(ours)).toEqual(row(apache));
    expect(row(ours)).toEqual({ topic: 'AdminTopic', group: 'AdminGroup', accumulation: '0', inMsg: true, outMsg: true });
  });

  it.each(['wipeWritePerm', 'addWritePerm'])(
    '%s: same result line (the count of topics differs with each broker’s system topics)',
    (id) => {
      const masked = (side: ClusterRuns) => output(side, id).replace(/OK, \d+$/m, 'OK, <topics>');
      expect(masked(ours)).toBe(masked(apache));
    },
  );
});
