import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LocalCluster, spawnProcess, startLocalCluster, storedMessageCount, waitFor, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

import type { BenchSummary } from '../report/summary';
import { expectSaneLatency, MQBENCH_BIN, runMqbench, summaryOf } from '../testing/run-mqbench';

describe('bin/mqbench producer against a real name server and broker', () => {
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

  it('sends for the given duration, prints a line a second and a JSON summary, and the broker holds every acknowledged message', async () => {
    const topic = 'MqbenchTimed';
    const run = await runMqbench('mqbench-producer-timed', [
      'producer',
      '-n',
      cluster.namesrvAddr,
      '-t',
      topic,
      '-s',
      '256',
      '-w',
      '8',
      '-k',
      'true',
      '-d',
      '3',
      '--json',
    ]);
    const summary = summaryOf(run);
    expect(summary).toMatchObject({ mode: 'producer', topic, failures: 0, size: 256, concurrency: 8, async: false });
    expect(summary.messages).toBeGreaterThan(0);
    expect(summary.tps).toBeGreaterThan(0);
    expect(summary.durationSeconds).toBeGreaterThan(0);
    expectSaneLatency(summary.latencyMs);
    expect(
      run.stdout.filter((line) =>
        /^Current Time: .* Send TPS: \d+ Max RT\(ms\): \d+ Average RT\(ms\): +[\d.]+ Send Failed: 0 Response Failed: 0$/.test(line),
      ).length,
    ).toBeGreaterThan(0);
    // "[Complete] Send Total" counts every acknowledged send, also those answered after the window closed.
    const complete = run.stdout.find((line) => line.startsWith('[Complete] Send Total: '));
    const acknowledged = Number(/Send Total: (\d+)/.exec(complete ?? '')?.[1]);
    expect(acknowledged).toBeGreaterThanOrEqual(summary.messages);
    expect(await dispatchedCount(topic, acknowledged)).toBe(acknowledged);
  });

  /**
   * The stored count once the consume queues caught up: an ASYNC_FLUSH broker answers a send before
   * its dispatcher indexes it, so a count read right after the last ack may still be short.
   */
  async function dispatchedCount(topic: string, expected: number): Promise<number> {
    await waitFor(async () => ((await storedMessageCount(cluster.brokerAddr, topic)) >= expected ? true : undefined), {
      timeoutMs: 10_000,
      reason: `${expected} messages of ${topic} dispatched`,
    }).catch(() => undefined);
    return storedMessageCount(cluster.brokerAddr, topic);
  }

  it('with -q sends exactly that many messages and stops', async () => {
    const topic = 'MqbenchCounted';
    const run = await runMqbench('mqbench-producer-counted', [
      'producer',
      '-n',
      cluster.namesrvAddr,
      '-t',
      topic,
      '-s',
      '100',
      '-w',
      '16',
      '-q',
      '1000',
      '-l',
      '4',
      '--json',
    ]);
    const summary = summaryOf(run);
    expect(summary).toMatchObject({ mode: 'producer', messages: 1000, failures: 0, size: 100, concurrency: 16 });
    expect(summary.tps).toBeGreaterThan(0);
    expectSaneLatency(summary.latencyMs);
    expect(await dispatchedCount(topic, 1000)).toBe(1000);
  });

  it('ends a run without a limit on SIGINT, summary included', async () => {
    const topic = 'MqbenchInterrupted';
    const bench = spawnProcess({
      name: 'mqbench-producer-sigint',
      command: MQBENCH_BIN,
      args: ['producer', '-n', cluster.namesrvAddr, '-t', topic, '-w', '4', '--json'],
      cwd: WORKSPACE_ROOT,
    });
    await bench.waitForOutput(/^Current Time: .* Send TPS: [1-9]/, { timeoutMs: 60_000, reason: 'a second with sends' });
    bench.kill('SIGINT');
    const exit = await bench.waitForExit({ timeoutMs: 30_000, reason: 'mqbench to stop on SIGINT' });
    expect(exit.code).toBe(0);
    const stdout = bench.lines().filter((line) => line.stream === 'stdout');
    const summary = JSON.parse(stdout.at(-1)?.text ?? '') as BenchSummary;
    expect(summary).toMatchObject({ mode: 'producer', topic, failures: 0, concurrency: 4 });
    expect(summary.messages).toBeGreaterThan(0);
    expect(await storedMessageCount(cluster.brokerAddr, topic)).toBeGreaterThanOrEqual(summary.messages);
  });

  it('rejects a bad flag with exit code 1 and a one-line reason', async () => {
    const run = await runMqbench('mqbench-bad-flag', ['producer', '-w', 'many']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toEqual([]);
    expect(run.stderr).toContain('mqbench: option -w takes an integer, got "many"');
  });
});
