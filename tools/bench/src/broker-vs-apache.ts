/**
 * `npx nx run bench:broker [-- --quick]`: our broker against the Apache RocketMQ 5.3.3 broker, on this
 * machine, in one run, driven by the same Java benchmark clients (tools/interop/java BenchProducer /
 * BenchConsumer on the official client). For each broker, one at a time:
 *
 *   ASYNC_FLUSH: fresh namesrv + broker + store; send benchmark (64 threads, 1 KiB, warm-up then a fixed
 *                window); then fill a backlog of N messages and drain it with a push consumer.
 *   SYNC_FLUSH:  fresh namesrv + broker + store; the same send benchmark.
 *
 * Prints one table with ours/Apache ratios and writes everything to tmp/bench/broker-vs-apache.json.
 * It prints figures and asserts nothing. See tools/bench/README.md.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

type BrokerKind = 'ours' | 'apache';
type FlushType = 'ASYNC_FLUSH' | 'SYNC_FLUSH';

interface Options {
  readonly durationS: number;
  readonly warmupS: number;
  readonly backlog: number;
  readonly threads: number;
  readonly size: number;
  readonly segmentBytes: number;
  readonly brokers: BrokerKind[];
  readonly keepStore: boolean;
  readonly out: string;
}

interface ProducerResult {
  readonly tps: number;
  readonly avgMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
  readonly measuredSends: number;
  readonly failed: number;
  readonly seconds: number;
  readonly firstError: string | null;
}

interface ConsumerResult {
  readonly tps: number;
  readonly consumed: number;
  readonly expected: number;
  readonly seconds: number;
  readonly stoppedBy: string;
}

interface Measurement<T> {
  readonly result: T | null;
  readonly exitCode: number | null;
  readonly loadBefore: string;
  readonly loadAfter: string;
  readonly brokerCpuSeconds: number;
  readonly wallSeconds: number;
  readonly log: string;
}

interface Scenario {
  broker: BrokerKind;
  flush: FlushType;
  send?: Measurement<ProducerResult>;
  fill?: Measurement<ProducerResult>;
  consume?: Measurement<ConsumerResult>;
  brokerLogErrors?: string[];
  workDir: string;
}

const ROOT = resolve(__dirname, '../../..');
const JAVA_DIR = join(ROOT, 'tools/interop/java');

function parseOptions(rawArgv: string[]): Options {
  // Nx forwards flags as `--name=value` (and a bare `--quick` as `--quick=true`): split those.
  const argv = rawArgv.flatMap((arg) => (arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg]));
  const flag = (name: string): boolean => {
    const at = argv.indexOf(name);
    return at >= 0 && argv[at + 1] !== 'false';
  };
  const quick = flag('--quick');
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const num = (name: string, fallback: number): number => Number(value(name) ?? fallback);
  const only = value('--only');
  return {
    durationS: num('--duration-s', quick ? 8 : 25),
    warmupS: num('--warmup-s', quick ? 3 : 5),
    backlog: num('--backlog', quick ? 100_000 : 1_000_000),
    threads: num('--threads', 64),
    size: num('--size', 1024),
    segmentBytes: num('--segment-mib', 256) * 1024 * 1024,
    brokers: only === 'ours' || only === 'apache' ? [only] : ['ours', 'apache'],
    keepStore: flag('--keep-store'),
    out: value('--out') ?? join(ROOT, 'tmp/bench/broker-vs-apache.json'),
  };
}

const children = new Set<ChildProcess>();

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of /proc/pid/stat; after "pid (comm) " they are 12 and 13.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function log(line: string): void {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

interface ProcessSpec {
  readonly command: string;
  readonly args: string[];
  readonly logFile: string;
  readonly env?: NodeJS.ProcessEnv;
}

function start(name: string, { command, args, logFile, env = {} }: ProcessSpec): ChildProcess {
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', fd, fd], env: { ...process.env, ...env }, cwd: ROOT });
  closeSync(fd);
  children.add(child);
  child.on('exit', () => children.delete(child));
  log(`started ${name} pid=${child.pid} (log ${logFile})`);
  return child;
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

function stopAllSync(): void {
  for (const child of children) child.kill('SIGKILL');
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '0.0.0.0', () => server.close(() => done(true)));
  });
}

/** A base port p with p-2 .. p+1 free (Apache binds listenPort-2 and listenPort+1). */
async function freePortBlock(): Promise<number> {
  for (;;) {
    const base = 30_000 + Math.floor(Math.random() * 20_000);
    const checks = await Promise.all([base - 2, base - 1, base, base + 1, base + 2].map(portFree));
    if (checks.every(Boolean)) return base;
  }
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before port ${port} opened`);
    const open = await new Promise<boolean>((done) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
    });
    if (open) return;
    await sleep(250);
  }
  throw new Error(`port ${port} not open after ${timeoutMs} ms`);
}

const JVM_COMMON = [
  '-XX:+UseG1GC',
  '-Djava.net.preferIPv4Stack=true',
  '-Dlogback.statusListenerClass=org.apache.rocketmq.logging.ch.qos.logback.core.status.NopStatusListener',
  '--add-opens',
  'java.base/java.nio=ALL-UNNAMED',
  '--add-opens',
  'java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens',
  'java.base/java.lang=ALL-UNNAMED',
  '--add-exports',
  'java.base/sun.nio.ch=ALL-UNNAMED',
];

let classpath = '';

function javaArgs(heap: string[], home: string, main: string, args: string[]): string[] {
  return [...heap, ...JVM_COMMON, `-Duser.home=${home}`, '-cp', classpath, main, ...args];
}

interface Cluster {
  namesrv: ChildProcess;
  broker: ChildProcess;
  namesrvAddr: string;
  brokerAddr: string;
  brokerLog: string;
}

/** Ports, paths and settings one benchmark cluster is started with. */
interface ClusterPlan {
  readonly nsPort: number;
  readonly brokerPort: number;
  readonly namesrvAddr: string;
  readonly store: string;
  readonly brokerLog: string;
  readonly flush: FlushType;
  readonly work: string;
  readonly options: Options;
}

interface ClusterProcesses {
  readonly namesrv: ChildProcess;
  readonly broker: ChildProcess;
}

async function startCluster(kind: BrokerKind, flush: FlushType, work: string, options: Options): Promise<Cluster> {
  const nsPort = await freePortBlock();
  const brokerPort = await freePortBlock();
  const namesrvAddr = `127.0.0.1:${nsPort}`;
  const store = join(work, 'store');
  mkdirSync(join(work, 'home/conf'), { recursive: true });
  const brokerLog = join(work, 'broker.log');
  const plan: ClusterPlan = { nsPort, brokerPort, namesrvAddr, store, brokerLog, flush, work, options };
  const { namesrv, broker } = kind === 'ours' ? await startOurCluster(plan) : await startApacheCluster(plan);
  await waitForPort(brokerPort, broker, 120_000);
  return { namesrv, broker, namesrvAddr, brokerAddr: `127.0.0.1:${brokerPort}`, brokerLog };
}

async function startOurCluster(plan: ClusterPlan): Promise<ClusterProcesses> {
  const { nsPort, brokerPort, namesrvAddr, store, brokerLog, flush, work, options } = plan;
  const namesrv = start('our namesrv', {
    command: join(ROOT, 'bin/mqnamesrv'),
    args: [`--listenPort=${nsPort}`, `--httpPort=${nsPort + 2}`, `--kvConfigPath=${join(work, 'kvConfig.json')}`, '--logLevel=warn'],
    logFile: join(work, 'namesrv.log'),
  });
  await waitForPort(nsPort, namesrv, 60_000);
  const broker = start('our broker', {
    command: join(ROOT, 'bin/mqbroker'),
    args: [
      '-n',
      namesrvAddr,
      `--listenPort=${brokerPort}`,
      `--httpPort=${brokerPort - 2}`,
      '--brokerIP1=127.0.0.1',
      '--brokerName=bench-ours',
      `--storePathRootDir=${store}`,
      `--mapedFileSizeCommitLog=${options.segmentBytes}`,
      `--flushDiskType=${flush}`,
      '--diskMaxUsedSpaceRatio=95',
      '--logLevel=warn',
    ],
    logFile: brokerLog,
  });
  return { namesrv, broker };
}

async function startApacheCluster(plan: ClusterPlan): Promise<ClusterProcesses> {
  const { nsPort, brokerPort, namesrvAddr, store, brokerLog, flush, work, options } = plan;
  writeFileSync(
    join(work, 'namesrv.conf'),
    [
      `listenPort=${nsPort}`,
      `kvConfigPath=${join(work, 'home/namesrv/kvConfig.json')}`,
      `configStorePath=${join(work, 'home/namesrv/namesrv.properties')}`,
      '',
    ].join('\n'),
  );
  const home = join(work, 'home');
  const namesrv = start('Apache namesrv', {
    command: 'java',
    args: javaArgs(['-Xms256m', '-Xmx256m'], home, 'org.apache.rocketmq.namesrv.NamesrvStartup', ['-c', join(work, 'namesrv.conf')]),
    logFile: join(work, 'namesrv.log'),
    env: { ROCKETMQ_HOME: home },
  });
  await waitForPort(nsPort, namesrv, 60_000);
  writeFileSync(
    join(work, 'broker.conf'),
    [
      'brokerClusterName=DefaultCluster',
      'brokerName=bench-apache',
      'brokerId=0',
      'brokerRole=ASYNC_MASTER',
      `flushDiskType=${flush}`,
      `listenPort=${brokerPort}`,
      'brokerIP1=127.0.0.1',
      `namesrvAddr=${namesrvAddr}`,
      `storePathRootDir=${store}`,
      `storePathCommitLog=${join(store, 'commitlog')}`,
      'autoCreateTopicEnable=true',
      'autoCreateSubscriptionGroup=true',
      `mappedFileSizeCommitLog=${options.segmentBytes}`,
      `mapedFileSizeCommitLog=${options.segmentBytes}`,
      'timerWheelEnable=false',
      'diskMaxUsedSpaceRatio=95',
      '',
    ].join('\n'),
  );
  const broker = start('Apache broker', {
    command: 'java',
    args: javaArgs(['-Xms1g', '-Xmx1g'], home, 'org.apache.rocketmq.broker.BrokerStartup', [
      '-n',
      namesrvAddr,
      '-c',
      join(work, 'broker.conf'),
    ]),
    logFile: brokerLog,
    env: { ROCKETMQ_HOME: home },
  });
  return { namesrv, broker };
}

interface ClientRun {
  readonly work: string;
  readonly label: string;
  readonly broker: ChildProcess;
}

/** Runs a Java benchmark client to completion; its "RESULT {json}" line is the result. */
async function runClient<T>(main: string, args: string[], { work, label, broker }: ClientRun): Promise<Measurement<T>> {
  const logFile = join(work, `${label}.log`);
  const home = join(work, `client-${label}`);
  mkdirSync(home, { recursive: true });
  const loadBefore = loadAverage();
  const cpuBefore = cpuSeconds(broker.pid);
  const began = Date.now();
  const child = start(label, {
    command: 'java',
    args: javaArgs(['-Xms512m', '-Xmx512m'], home, `org.rocketmqts.interop.${main}`, args),
    logFile,
  });
  const exitCode = await new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const wallSeconds = (Date.now() - began) / 1000;
  const loadAfter = loadAverage();
  const brokerCpuSeconds = Math.round((cpuSeconds(broker.pid) - cpuBefore) * 100) / 100;
  const output = readFileSync(logFile, 'utf8');
  const line = output.split('\n').find((l) => l.startsWith('RESULT '));
  const result = line ? (JSON.parse(line.slice('RESULT '.length)) as T) : null;
  log(`${label}: exit ${exitCode}, ${wallSeconds.toFixed(1)} s, ${line ?? 'no RESULT line (see log)'}`);
  return { result, exitCode, loadBefore, loadAfter, brokerCpuSeconds, wallSeconds, log: logFile };
}

function brokerLogErrors(file: string): string[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /\b(ERROR|error|Error|FATAL|fatal|exception|Exception)\b/.test(l))
      .slice(0, 20);
  } catch {
    return [];
  }
}

async function runScenario(kind: BrokerKind, flush: FlushType, options: Options, base: string): Promise<Scenario> {
  const work = mkdtempSync(join(base, `${kind}-${flush}-`));
  const scenario: Scenario = { broker: kind, flush, workDir: work };
  log(`=== ${kind} broker, ${flush} (work dir ${work}) ===`);
  let cluster: Cluster | undefined;
  try {
    cluster = await startCluster(kind, flush, work, options);
    const common = [
      '-n',
      cluster.namesrvAddr,
      '-b',
      cluster.brokerAddr,
      '-r',
      '8',
      '-w',
      String(options.threads),
      '-s',
      String(options.size),
    ];
    scenario.send = await runClient<ProducerResult>(
      'BenchProducer',
      [...common, '-t', 'BenchSend', '--warmup-s', String(options.warmupS), '--duration-s', String(options.durationS)],
      { work, label: 'send', broker: cluster.broker },
    );
    if (flush === 'ASYNC_FLUSH' && options.backlog > 0) {
      scenario.fill = await runClient<ProducerResult>('BenchProducer', [...common, '-t', 'BenchBacklog', '-q', String(options.backlog)], {
        work,
        label: 'fill',
        broker: cluster.broker,
      });
      scenario.consume = await runClient<ConsumerResult>(
        'BenchConsumer',
        ['-n', cluster.namesrvAddr, '-t', 'BenchBacklog', '-c', String(options.backlog), '-w', '20', '--idle-s', '30'],
        { work, label: 'consume', broker: cluster.broker },
      );
    }
    if (cluster.broker.exitCode !== null || cluster.broker.signalCode !== null) {
      log(`!! ${kind} broker exited during the run (code ${cluster.broker.exitCode}, signal ${cluster.broker.signalCode})`);
    }
  } catch (error) {
    log(`!! ${kind} ${flush} failed: ${String(error)}`);
  } finally {
    await stop(cluster?.broker);
    await stop(cluster?.namesrv);
    scenario.brokerLogErrors = brokerLogErrors(join(work, 'broker.log'));
    if (!options.keepStore) rmSync(join(work, 'store'), { recursive: true, force: true });
  }
  return scenario;
}

function fmt(value: number | undefined, digits = 0): string {
  return value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits);
}

interface Row {
  readonly metric: string;
  readonly ours: number | undefined;
  readonly apache: number | undefined;
  readonly digits: number;
}

function buildRows(scenarios: Scenario[]): Row[] {
  const find = (kind: BrokerKind, flush: FlushType): Scenario | undefined => scenarios.find((s) => s.broker === kind && s.flush === flush);
  const rows: Row[] = [];
  for (const flush of ['ASYNC_FLUSH', 'SYNC_FLUSH'] as const) {
    const pick = (field: keyof ProducerResult) => (kind: BrokerKind) => find(kind, flush)?.send?.result?.[field] as number | undefined;
    for (const [field, label, digits] of [
      ['tps', 'send TPS', 0],
      ['avgMs', 'send avg ms', 2],
      ['p50Ms', 'send p50 ms', 2],
      ['p99Ms', 'send p99 ms', 2],
      ['p999Ms', 'send p999 ms', 2],
      ['maxMs', 'send max ms', 1],
    ] as const) {
      rows.push({ metric: `${flush} ${label}`, ours: pick(field)('ours'), apache: pick(field)('apache'), digits });
    }
  }
  const fill = (kind: BrokerKind) => find(kind, 'ASYNC_FLUSH')?.fill?.result?.tps;
  const consume = (kind: BrokerKind) => find(kind, 'ASYNC_FLUSH')?.consume?.result?.tps;
  rows.push({ metric: 'backlog fill send TPS (ASYNC_FLUSH)', ours: fill('ours'), apache: fill('apache'), digits: 0 });
  rows.push({ metric: 'consume TPS draining the backlog', ours: consume('ours'), apache: consume('apache'), digits: 0 });
  return rows;
}

function printTable(rows: Row[]): string {
  const lines = ['| metric | ours | Apache 5.3.3 | ours/Apache |', '|---|---:|---:|---:|'];
  for (const row of rows) {
    const ratio = row.ours !== undefined && row.apache !== undefined && row.apache !== 0 ? (row.ours / row.apache).toFixed(2) : '-';
    lines.push(`| ${row.metric} | ${fmt(row.ours, row.digits)} | ${fmt(row.apache, row.digits)} | ${ratio} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const began = Date.now();
  const startLoad = loadAverage();
  log(`options ${JSON.stringify(options)}; load ${startLoad}`);
  const classpathFile = execFileSync(join(JAVA_DIR, 'setup.sh'), { encoding: 'utf8' }).trim().split('\n').pop() ?? '';
  classpath = readFileSync(classpathFile, 'utf8').trim();
  mkdirSync(join(ROOT, 'tmp/bench'), { recursive: true });
  const base = mkdtempSync(join(tmpdir(), 'rocketmq-ts-bench-'));
  const scenarios: Scenario[] = [];
  for (const kind of options.brokers) {
    for (const flush of ['ASYNC_FLUSH', 'SYNC_FLUSH'] as const) {
      scenarios.push(await runScenario(kind, flush, options, base));
    }
  }
  const rows = buildRows(scenarios);
  const table = printTable(rows);
  process.stdout.write(`\n${table}\n\n`);
  for (const s of scenarios) {
    const parts = (['send', 'fill', 'consume'] as const).map((k) => {
      const m = s[k];
      return m
        ? `${k}: load ${m.loadBefore} -> ${m.loadAfter}, broker CPU ${m.brokerCpuSeconds} s over ${m.wallSeconds.toFixed(1)} s`
        : undefined;
    });
    process.stdout.write(`${s.broker} ${s.flush}: ${parts.filter(Boolean).join('; ')}\n`);
    if (s.brokerLogErrors?.length) process.stdout.write(`  broker log error lines:\n    ${s.brokerLogErrors.join('\n    ')}\n`);
  }
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: 2, node: process.version, java: javaVersion() },
    command: `npx nx run bench:broker${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    options,
    namesrv: 'each broker registers with its own fresh namesrv: ours with ours, Apache with Apache',
    loadAtStart: startLoad,
    loadAtEnd: loadAverage(),
    totalSeconds: Math.round((Date.now() - began) / 1000),
    rows: rows.map((r) => ({ ...r, ratio: r.ours !== undefined && r.apache ? r.ours / r.apache : null })),
    scenarios,
  };
  writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${options.out}; total ${report.totalSeconds} s; logs under ${base}`);
}

function javaVersion(): string {
  try {
    return spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr.split('\n')[0]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

process.on('SIGINT', () => {
  stopAllSync();
  process.exit(130);
});
process.on('SIGTERM', () => {
  stopAllSync();
  process.exit(143);
});
process.on('exit', stopAllSync);

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  stopAllSync();
  process.exit(1);
});
