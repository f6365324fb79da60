/**
 * `npx nx run bench:metrics-cost [-- --runs=3 --duration-s=20]`: what the broker's native metrics
 * cost on the send path. Two of our clusters (namesrv + broker each) run side by side, one broker
 * with `enableMetrics=true`, the other with `false`; `bin/mqbench producer` drives the same load
 * (64 sends in flight, 1 KiB bodies, SYNC sends) against one at a time, alternating ABBA so that
 * drift of a busy machine falls on both. Per run it records TPS and the broker's CPU time per
 * message (from /proc, the steadier figure when other work shares the cores). Prints medians and
 * the on/off ratios, writes tmp/bench/metrics-cost.json, and asserts nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { median } from '@rocketmq-ts/base';

const ROOT = resolve(__dirname, '../../..');

interface Options {
  readonly runs: number;
  readonly durationS: number;
  readonly warmupS: number;
  readonly threads: number;
  readonly size: number;
  readonly out: string;
}

interface Cluster {
  readonly label: 'on' | 'off';
  readonly namesrvAddr: string;
  readonly broker: ChildProcess;
  readonly children: readonly ChildProcess[];
}

interface RunResult {
  readonly label: 'on' | 'off';
  readonly tps: number;
  readonly p99Ms: number;
  readonly failures: number;
  readonly brokerCpuMicrosPerMessage: number;
  readonly loadAverage: string;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const num = (name: string, fallback: number): number => Number(value(name) ?? fallback);
  return {
    runs: num('runs', 3),
    durationS: num('duration-s', 20),
    warmupS: num('warmup-s', 3),
    threads: num('threads', 64),
    size: num('size', 1024),
    out: value('out') ?? join(ROOT, 'tmp/bench/metrics-cost.json'),
  };
}

const started = new Set<ChildProcess>();

function log(line: string): void {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** utime + stime of a process in seconds (fields 14 and 15 of /proc/pid/stat, 12 and 13 after "pid (comm) "). */
function cpuSeconds(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** Starts a bin/ script with its output in `logFile`; resolves once a line matches `ready`. */
function startUntil(command: string, args: readonly string[], logFile: string, ready: RegExp): Promise<ChildProcess> {
  const fd = openSync(logFile, 'a');
  const child = spawn(join(ROOT, command), args, { cwd: ROOT, stdio: ['ignore', 'pipe', fd] });
  closeSync(fd);
  started.add(child);
  child.once('exit', () => started.delete(child));
  return new Promise((done, fail) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`${command} not ready after 120 s (see ${logFile})`)), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      writeFileSync(logFile, chunk, { flag: 'a' });
      seen = (seen + chunk.toString('utf8')).slice(-4096);
      if (ready.test(seen)) {
        clearTimeout(timer);
        done(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${command} exited ${code} before it was ready (see ${logFile})`));
    });
  });
}

async function startCluster(label: 'on' | 'off', work: string): Promise<Cluster> {
  const [namesrvPort, namesrvHttp, brokerPort, brokerHttp] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const namesrv = await startUntil(
    'bin/mqnamesrv',
    [
      `--listenPort=${namesrvPort}`,
      `--httpPort=${namesrvHttp}`,
      '--bindAddress=127.0.0.1',
      `--kvConfigPath=${join(work, 'kv.json')}`,
      '--logLevel=warn',
    ],
    join(work, 'namesrv.log'),
    /boot success/,
  );
  const namesrvAddr = `127.0.0.1:${namesrvPort}`;
  const broker = await startUntil(
    'bin/mqbroker',
    [
      `--namesrvAddr=${namesrvAddr}`,
      `--listenPort=${brokerPort}`,
      `--httpPort=${brokerHttp}`,
      '--brokerIP1=127.0.0.1',
      '--bindAddress=127.0.0.1',
      `--brokerName=metrics-${label}`,
      `--storePathRootDir=${join(work, 'store')}`,
      `--mapedFileSizeCommitLog=${256 * 1024 * 1024}`,
      '--diskMaxUsedSpaceRatio=95',
      `--enableMetrics=${label === 'on'}`,
      '--logLevel=warn',
    ],
    join(work, 'broker.log'),
    /boot success/,
  );
  log(`cluster metrics-${label}: namesrv ${namesrvAddr} pid ${namesrv.pid}, broker pid ${broker.pid}`);
  return { label, namesrvAddr, broker, children: [broker, namesrv] };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** One mqbench producer run against `cluster`; its last stdout line is the JSON summary. */
async function run(cluster: Cluster, options: Options, index: number): Promise<RunResult> {
  const args = [
    'producer',
    '-n',
    cluster.namesrvAddr,
    '-t',
    'MetricsCostTopic',
    '-w',
    String(options.threads),
    '-s',
    String(options.size),
    '-d',
    String(options.durationS),
    '--warmup',
    String(options.warmupS),
    '--json',
  ];
  const load = loadAverage();
  const child = spawn(join(ROOT, 'bin/mqbench'), args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  started.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  // Broker CPU is sampled over the whole client run (warm-up included) and divided by every message it stored then.
  const cpuBefore = cpuSeconds(cluster.broker.pid);
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  started.delete(child);
  const cpu = cpuSeconds(cluster.broker.pid) - cpuBefore;
  const summaryLine = output.trim().split('\n').pop() ?? '';
  if (code !== 0 || !summaryLine.startsWith('{')) throw new Error(`mqbench exited ${code}: ${output.slice(-2000)}`);
  const summary = JSON.parse(summaryLine) as { tps: number; messages: number; failures: number; latencyMs: { p99: number } };
  const totalMessages = summary.messages + summary.tps * options.warmupS;
  const result: RunResult = {
    label: cluster.label,
    tps: summary.tps,
    p99Ms: summary.latencyMs.p99,
    failures: summary.failures,
    brokerCpuMicrosPerMessage: Math.round((cpu * 1e6) / Math.max(1, totalMessages)),
    loadAverage: load,
  };
  log(
    `run ${index} metrics ${cluster.label}: ${result.tps.toFixed(0)} TPS, p99 ${result.p99Ms.toFixed(2)} ms, broker ${result.brokerCpuMicrosPerMessage} µs CPU/msg, failures ${result.failures}, load ${load}`,
  );
  return result;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'metrics-cost-'));
  log(`options ${JSON.stringify(options)}; work dir ${work}; load ${loadAverage()}`);
  const clusters: Cluster[] = [];
  try {
    for (const label of ['on', 'off'] as const) {
      const dir = join(work, label);
      mkdirSync(dir);
      clusters.push(await startCluster(label, dir));
    }
    const [on, off] = clusters as [Cluster, Cluster];
    const results: RunResult[] = [];
    for (let index = 0; index < options.runs; index++) {
      // ABBA: on/off, then off/on, so a trend in the machine's load does not favour one side.
      for (const cluster of index % 2 === 0 ? [on, off] : [off, on]) results.push(await run(cluster, options, index));
    }
    const of = (label: 'on' | 'off', pick: (result: RunResult) => number): number =>
      median(results.filter((result) => result.label === label).map(pick));
    const summary = {
      tpsOn: of('on', (r) => r.tps),
      tpsOff: of('off', (r) => r.tps),
      cpuMicrosPerMessageOn: of('on', (r) => r.brokerCpuMicrosPerMessage),
      cpuMicrosPerMessageOff: of('off', (r) => r.brokerCpuMicrosPerMessage),
      p99MsOn: of('on', (r) => r.p99Ms),
      p99MsOff: of('off', (r) => r.p99Ms),
    };
    const tpsCostPercent = (1 - summary.tpsOn / summary.tpsOff) * 100;
    const cpuCostPercent = (summary.cpuMicrosPerMessageOn / summary.cpuMicrosPerMessageOff - 1) * 100;
    log(
      `median TPS: on ${summary.tpsOn.toFixed(0)}, off ${summary.tpsOff.toFixed(0)} → on/off ${(summary.tpsOn / summary.tpsOff).toFixed(4)} (cost ${tpsCostPercent.toFixed(2)} %)`,
    );
    log(
      `median broker CPU per message: on ${summary.cpuMicrosPerMessageOn} µs, off ${summary.cpuMicrosPerMessageOff} µs (cost ${cpuCostPercent.toFixed(2)} %)`,
    );
    log(`median send p99: on ${summary.p99MsOn.toFixed(2)} ms, off ${summary.p99MsOff.toFixed(2)} ms; load now ${loadAverage()}`);
    mkdirSync(resolve(options.out, '..'), { recursive: true });
    writeFileSync(options.out, JSON.stringify({ options, results, summary, tpsCostPercent, cpuCostPercent }, null, 2));
    log(`wrote ${options.out}`);
  } finally {
    for (const cluster of clusters) for (const child of cluster.children) await stop(child);
    rmSync(work, { recursive: true, force: true });
  }
}

process.once('SIGINT', () => {
  for (const child of started) child.kill('SIGKILL');
  process.exit(130);
});

main().catch((error: unknown) => {
  for (const child of started) child.kill('SIGKILL');
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
