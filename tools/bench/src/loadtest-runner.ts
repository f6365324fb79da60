/**
 * Is the load-test runner the bottleneck? Against one broker in one run (ours, ASYNC_FLUSH, fresh
 * store): the runner's maximum send rate (64 VUs back to back, 1 KiB) next to `bin/mqbench
 * producer -w 64 -s 1024` and the Java 5.3.3 client's BenchProducer with the same shape, alternating
 * order by round. Then the arrival-rate executor at 500 msg/s with and without a 200 ms broker
 * stall (SIGSTOP, then SIGCONT of the broker's process group): the stall must show in p99/max
 * because latency counts from each iteration's intended start. Printed, never asserted.
 *
 *   tools/interop/java/setup.sh   # once, for BenchProducer
 *   npx nx run bench:loadtest     (ROUNDS=2 SECONDS=15 by default)
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

import { median } from '@rocketmq-ts/base';
import { createTempDir, processes, spawnProcess, startJava, startLocalCluster, type TempDir, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

const ROUNDS = Number(process.env['ROUNDS'] ?? 2);
const SECONDS = Number(process.env['SECONDS'] ?? 15);
const HERE = join(WORKSPACE_ROOT, 'tools/bench/src/loadtest');

interface Summary {
  readonly metrics: Record<string, Record<string, number>>;
}

interface LoadtestRun {
  readonly dir: TempDir;
  readonly seconds: number;
  readonly during?: () => Promise<void>;
}

async function loadtest(scenario: string, namesrv: string, { dir, seconds, during }: LoadtestRun): Promise<Summary> {
  const file = join(dir.path, `${Date.now()}.json`);
  const child = spawnProcess({
    name: 'loadtest',
    command: join(WORKSPACE_ROOT, 'bin/loadtest'),
    args: [join(HERE, scenario), '-n', namesrv, '--duration', `${seconds}s`, '-q', '--summary-export', file],
    cwd: WORKSPACE_ROOT,
  });
  await during?.();
  const exit = await child.waitForExit({ timeoutMs: (seconds + 90) * 1000, reason: `loadtest ${scenario}` });
  if (exit.code !== 0) throw new Error(`loadtest ${scenario} exited ${exit.code}\n${child.tail(30)}`);
  return JSON.parse(readFileSync(file, 'utf8')) as Summary;
}

async function mqbench(namesrv: string, seconds: number): Promise<number> {
  const child = spawnProcess({
    name: 'mqbench',
    command: join(WORKSPACE_ROOT, 'bin/mqbench'),
    args: ['producer', '-n', namesrv, '-t', 'BenchSend', '-w', '64', '-s', '1024', '-d', String(seconds), '--json'],
    cwd: WORKSPACE_ROOT,
  });
  await child.waitForExit({ timeoutMs: (seconds + 90) * 1000, reason: 'mqbench producer' });
  const json = child
    .lines()
    .map((line) => line.text)
    .filter((line) => line.startsWith('{'))
    .at(-1);
  return json === undefined ? Number.NaN : (JSON.parse(json) as { tps: number }).tps;
}

async function javaBench(namesrv: string, seconds: number): Promise<number> {
  const running = startJava('BenchProducer', [
    '-n',
    namesrv,
    '-t',
    'BenchSend',
    '-r',
    '8',
    '-w',
    '64',
    '-s',
    '1024',
    '--warmup-s',
    '0',
    '--duration-s',
    String(seconds),
  ]);
  await running.child.waitForExit({ timeoutMs: (seconds + 120) * 1000, reason: 'BenchProducer' });
  const result = running.child
    .lines()
    .map((line) => line.text)
    .find((line) => line.startsWith('RESULT '));
  // finished() wants a SUMMARY line BenchProducer does not print; it still removes the client's temp home.
  await running.finished(1_000).catch(() => undefined);
  return result === undefined ? Number.NaN : (JSON.parse(result.slice('RESULT '.length)) as { tps: number }).tps;
}

const fmt = (value: number): string => (Number.isFinite(value) ? value.toFixed(value >= 100 ? 0 : 2) : 'n/a');

async function main(): Promise<void> {
  const cluster = await startLocalCluster({ label: 'bench-loadtest' });
  const dir = createTempDir('bench-loadtest');
  const rates: Record<'loadtest' | 'mqbench' | 'java', number[]> = { loadtest: [], mqbench: [], java: [] };
  try {
    const runners = {
      loadtest: async () =>
        (await loadtest('max-rate.scenario.ts', cluster.namesrvAddr, { dir, seconds: SECONDS })).metrics['messages_sent']?.['rate'] ??
        Number.NaN,
      mqbench: () => mqbench(cluster.namesrvAddr, SECONDS),
      java: () => javaBench(cluster.namesrvAddr, SECONDS),
    };
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = round % 2 === 0 ? (['loadtest', 'mqbench', 'java'] as const) : (['java', 'mqbench', 'loadtest'] as const);
      for (const name of order) {
        const rate = await runners[name]();
        rates[name].push(rate);
        console.log(`round ${round + 1} ${name.padEnd(8)} ${fmt(rate)} msg/s (load ${loadavg()[0]?.toFixed(1)})`);
      }
    }
    const ours = median(rates.loadtest);
    const bench = median(rates.mqbench);
    console.log(`\nmax send rate, 64 in flight, 1 KiB, ${SECONDS} s, median of ${ROUNDS}:`);
    console.log(`  loadtest (constant-vus 64)   ${fmt(ours)} msg/s  [${rates.loadtest.map(fmt).join(' / ')}]`);
    console.log(`  bin/mqbench producer -w 64   ${fmt(bench)} msg/s  [${rates.mqbench.map(fmt).join(' / ')}]`);
    console.log(`  Java BenchProducer -w 64     ${fmt(median(rates.java))} msg/s  [${rates.java.map(fmt).join(' / ')}]`);
    console.log(`  loadtest / mqbench           ${fmt((100 * ours) / bench)} %  (goal: within 10 %)`);

    const baseline = await loadtest('stall.scenario.ts', cluster.namesrvAddr, { dir, seconds: 12 });
    const stalled = await loadtest('stall.scenario.ts', cluster.namesrvAddr, {
      dir,
      seconds: 12,
      during: async () => {
        await new Promise((resolve) => setTimeout(resolve, 7_000));
        cluster.broker.process.kill('SIGSTOP');
        await new Promise((resolve) => setTimeout(resolve, 200));
        cluster.broker.process.kill('SIGCONT');
      },
    });
    const row = (label: string, summary: Summary): string => {
      const latency = summary.metrics['send_latency'] ?? {};
      return `  ${label.padEnd(28)} p50 ${fmt(latency['p(50)'] ?? Number.NaN)}  p99 ${fmt(latency['p(99)'] ?? Number.NaN)}  p99.9 ${fmt(latency['p(99.9)'] ?? Number.NaN)}  max ${fmt(latency['max'] ?? Number.NaN)} ms; dropped ${summary.metrics['dropped_iterations']?.['count'] ?? 0}`;
    };
    console.log('\nconstant-arrival-rate 500 msg/s, 12 s, latency from the intended start:');
    console.log(row('no stall', baseline));
    console.log(row('200 ms SIGSTOP of the broker', stalled));
  } finally {
    await processes.stopAll({ graceMs: 10_000 });
    await cluster.stop();
    dir.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
