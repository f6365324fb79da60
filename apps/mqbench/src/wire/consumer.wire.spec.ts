import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LocalCluster, startLocalCluster, storedMessageCount } from '@rocketmq-ts/testing';

import { expectSaneLatency, runMqbench, summaryOf } from '../testing/run-mqbench';

describe('bin/mqbench consumer against a real name server and broker', () => {
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await startLocalCluster({
      label: 'mqbench-spec',
      brokerName: 'mqbench-spec-broker',
      brokerSettings: { flushDiskType: 'ASYNC_FLUSH' },
    });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('drains a backlog from the first offset with -q, printing a line a second and a JSON summary', async () => {
    const topic = 'MqbenchBacklog';
    const fill = summaryOf(
      await runMqbench('mqbench-fill', [
        'producer',
        '-n',
        cluster.namesrvAddr,
        '-t',
        topic,
        '-s',
        '200',
        '-w',
        '8',
        '-q',
        '2000',
        '--json',
      ]),
    );
    expect(fill.messages).toBe(2000);
    expect(await storedMessageCount(cluster.brokerAddr, topic)).toBe(2000);

    const group = 'mqbench_wire_drain';
    const run = await runMqbench('mqbench-consumer', [
      'consumer',
      '-n',
      cluster.namesrvAddr,
      '-t',
      topic,
      '-g',
      group,
      '-p',
      'false',
      '--from',
      'first',
      '-w',
      '8',
      '-q',
      '2000',
      '-d',
      '60',
      '--json',
    ]);
    const summary = summaryOf(run);
    expect(summary).toMatchObject({ mode: 'consumer', topic, group, messages: 2000, failures: 0, size: 200, concurrency: 8 });
    expect(summary.tps).toBeGreaterThan(0);
    expectSaneLatency(summary.latencyMs);
    expectSaneLatency(summary.storeToConsumeMs ?? summary.latencyMs);
    expectSaneLatency(summary.bornToStoreMs ?? summary.latencyMs);
    // Born before stored before consumed: the born→consumed latency covers the born→stored one.
    expect(summary.latencyMs.max).toBeGreaterThanOrEqual(summary.bornToStoreMs?.max ?? Number.POSITIVE_INFINITY);
    expect(run.stdout.some((line) => line.startsWith('[Complete] Consume Total: 2000 '))).toBe(true);
    const perSecond =
      /^Current Time: \d+ TPS: \d+ FAIL: 0 AVG\(B2C\) RT\(ms\): +[\d.]+ AVG\(S2C\) RT\(ms\): +[\d.]+ MAX\(B2C\) RT\(ms\): \d+ MAX\(S2C\) RT\(ms\): \d+/;
    expect(run.stdout.every((line) => !line.startsWith('Current Time:') || perSecond.test(line))).toBe(true);
  });
});
