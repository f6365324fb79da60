import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MQAdmin } from '@rocketmq-ts/client';
import { freePort, type LocalCluster, startLocalCluster, waitFor } from '@rocketmq-ts/testing';

import { mqadminJson, mqadminText, runMqadmin } from '../testing/run-mqadmin';

// bin/mqadmin as a real process against a real name server and broker: cluster, broker, topic and
// subscription-group commands, their tables and --json documents, and the exit codes.
const CLUSTER = 'DefaultCluster';

describe('mqadmin > wire > cluster, topics and groups', () => {
  let cluster: LocalCluster;
  let n: string[];

  beforeAll(async () => {
    cluster = await startLocalCluster({ label: 'mqadmin-spec', brokerName: 'mqadmin-spec-broker' });
    n = ['-n', cluster.namesrvAddr];
    await waitFor(async () => (await runMqadmin(['clusterList', ...n])).stdout.includes(cluster.brokerAddr), {
      timeoutMs: 20_000,
      reason: 'the broker registered',
    });
  }, 120_000);

  afterAll(async () => {
    await cluster.stop();
  });

  it('clusterList prints one aligned row per broker, and --json the same brokers', async () => {
    const lines = (await mqadminText(['clusterList', ...n])).trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^#Cluster Name\s+#Broker Name\s+#BID\s+#Addr\s+#Version\s+#InTPS\s+#OutTPS\s+#PCWait\(ms\)\s+#Hour\s+#SPACE\s+#ACTIVATED$/,
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${CLUSTER}\\s+${cluster.brokerName}\\s+0\\s+${cluster.brokerAddr.replace(/\./g, '\\.')}\\s+V5_3_3\\s+\\d+\\.\\d{2}\\s+\\d+\\.\\d{2}\\s+\\d+\\s+\\d+\\.\\d{2}\\s+\\d\\.\\d{4}\\s+true$`,
      ),
    );
    // Aligned: every column starts where its header starts.
    expect((lines[1] as string).indexOf(cluster.brokerAddr)).toBe((lines[0] as string).indexOf('#Addr'));

    const json = await mqadminJson<{ brokers: Array<Record<string, unknown>> }>(['clusterList', ...n, '-c', CLUSTER]);
    expect(json.brokers).toEqual([
      expect.objectContaining({
        cluster: CLUSTER,
        brokerName: cluster.brokerName,
        brokerId: 0,
        addr: cluster.brokerAddr,
        version: 'V5_3_3',
        active: true,
      }),
    ]);
  });

  it('brokerStatus --json holds the runtime keys the exporter reads', async () => {
    const json = await mqadminJson<{ brokerAddr: string; runtimeInfo: Record<string, string> }>([
      'brokerStatus',
      ...n,
      '-b',
      cluster.brokerAddr,
    ]);
    expect(json.brokerAddr).toBe(cluster.brokerAddr);
    expect(json.runtimeInfo).toMatchObject({ brokerVersionDesc: 'V5_3_3', brokerActive: 'true' });
    expect(Number(json.runtimeInfo['commitLogMaxOffset'])).toBeGreaterThanOrEqual(0);
  });

  it('updateTopic creates a topic on every master of the cluster; topicList, topicRoute show it', async () => {
    const created = await mqadminJson<{ topic: string; brokers: string[]; readQueueNums: number }>([
      'updateTopic',
      ...n,
      '-c',
      CLUSTER,
      '-t',
      'AdminTopic',
      '-r',
      '3',
      '-w',
      '3',
    ]);
    expect(created).toMatchObject({ topic: 'AdminTopic', brokers: [cluster.brokerAddr], readQueueNums: 3 });
    expect((await mqadminJson<{ topics: string[] }>(['topicList', ...n])).topics).toContain('AdminTopic');
    const route = await mqadminJson<{ brokerDatas: unknown[]; queueDatas: unknown[] }>(['topicRoute', ...n, '-t', 'AdminTopic']);
    expect(route.brokerDatas).toEqual([{ cluster: CLUSTER, brokerName: cluster.brokerName, brokerId: 0, addr: cluster.brokerAddr }]);
    expect(route.queueDatas).toEqual([{ brokerName: cluster.brokerName, readQueueNums: 3, writeQueueNums: 3, perm: 6, topicSysFlag: 0 }]);
  });

  it('topicStatus prints every queue with its offsets after a send, as a table and as JSON', async () => {
    await mqadminJson(['updateTopic', ...n, '-b', cluster.brokerAddr, '-t', 'StatusTopic', '-r', '2', '-w', '2']);
    const sent = await mqadminJson<{ messageQueue: { queueId: number } }>([
      'sendMessage',
      ...n,
      '-t',
      'StatusTopic',
      '-p',
      'x',
      '-b',
      cluster.brokerName,
      '-i',
      '1',
    ]);
    expect(sent.messageQueue.queueId).toBe(1);

    const lines = (await mqadminText(['topicStatus', ...n, '-t', 'StatusTopic'])).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^#Broker Name\s+#QID\s+#Min Offset\s+#Max Offset\s+#Last Updated$/);
    expect(lines[1]).toMatch(new RegExp(`^${cluster.brokerName}\\s+0\\s+0\\s+0$`));
    expect(lines[2]).toMatch(new RegExp(`^${cluster.brokerName}\\s+1\\s+0\\s+1\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}$`));
    expect(lines.slice(3)).toEqual(['', 'Topic Put TPS: 0.00']);

    const json = await mqadminJson<{ queues: Array<Record<string, number | string>> }>(['topicStatus', ...n, '-t', 'StatusTopic']);
    expect(json.queues.map(({ queueId, minOffset, maxOffset }) => [queueId, minOffset, maxOffset])).toEqual([
      [0, 0, 0],
      [1, 0, 1],
    ]);
  });

  it('deleteTopic removes the topic from the broker and the name server', async () => {
    await mqadminJson(['updateTopic', ...n, '-c', CLUSTER, '-t', 'DoomedTopic']);
    expect(await mqadminJson(['deleteTopic', ...n, '-c', CLUSTER, '-t', 'DoomedTopic'])).toEqual({
      topic: 'DoomedTopic',
      clusterName: CLUSTER,
      brokers: [cluster.brokerAddr],
    });
    const route = await runMqadmin(['topicRoute', ...n, '-t', 'DoomedTopic', '--json']);
    expect(route.exitCode).toBe(2);
    expect(JSON.parse(route.stdout)).toEqual({ error: expect.objectContaining({ exitCode: 2, type: 'NoRouteError', responseCode: 17 }) });
  });

  it('updateSubGroup and deleteSubGroup write the group config on the broker', async () => {
    const updated = await mqadminJson<Record<string, unknown>>([
      'updateSubGroup',
      ...n,
      '-b',
      cluster.brokerAddr,
      '-g',
      'AdminGroup',
      '-r',
      '3',
      '-o',
      'true',
    ]);
    expect(updated).toMatchObject({
      groupName: 'AdminGroup',
      retryMaxTimes: 3,
      consumeMessageOrderly: true,
      brokers: [cluster.brokerAddr],
    });
    const admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
    try {
      expect(await admin.subscriptionGroup(cluster.brokerAddr, 'AdminGroup')).toMatchObject({
        retryMaxTimes: 3,
        consumeMessageOrderly: true,
      });
      expect(await mqadminJson(['deleteSubGroup', ...n, '-b', cluster.brokerAddr, '-g', 'AdminGroup'])).toEqual({
        group: 'AdminGroup',
        brokers: [cluster.brokerAddr],
      });
      expect(await admin.subscriptionGroup(cluster.brokerAddr, 'AdminGroup')).toBeUndefined();
    } finally {
      await admin.close();
    }
  });

  it('exits 1 on usage errors, 2 when nothing is there, 4 when nothing answers; help names the options', async () => {
    const unknownOption = await runMqadmin(['topicStatus', ...n, '-t', 'T', '--bogus']);
    expect([unknownOption.exitCode, unknownOption.stderr]).toEqual([1, expect.stringContaining('unknown option --bogus')]);
    expect((await runMqadmin(['topicStatus', ...n])).exitCode).toBe(1);
    expect((await runMqadmin(['noSuchCommand'])).exitCode).toBe(1);
    expect((await runMqadmin(['topicStatus', ...n, '-t', 'NoSuchTopic'])).exitCode).toBe(2);
    const dead = await runMqadmin(['clusterList', '-n', `127.0.0.1:${await freePort()}`, '--json']);
    expect([dead.exitCode, JSON.parse(dead.stdout).error.exitCode]).toEqual([4, 4]);
    const viaEnv = await runMqadmin(['clusterList', '--json'], { NAMESRV_ADDR: cluster.namesrvAddr });
    expect(viaEnv.exitCode).toBe(0);

    const help = await runMqadmin(['help', 'updateTopic']);
    expect(help.exitCode).toBe(0);
    for (const option of [
      '-t, --topic',
      '-c, --clusterName',
      '-b, --brokerAddr',
      '-r, --readQueueNums',
      '-w, --writeQueueNums',
      '-p, --perm',
      '-n, --namesrvAddr',
      '--json',
    ])
      expect(help.stdout).toContain(option);
    expect((await runMqadmin(['help'])).stdout).toContain('4  cannot connect');
  });
});
