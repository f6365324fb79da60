import { UsageError } from '@rocketmq-ts/config';

import { describeFlags, type FlagSpec, type FlagValue, parseFlags } from './flag-parser';

/**
 * The command lines of `mqbench producer` and `mqbench consumer`. Option letters and defaults are
 * those of Apache RocketMQ's benchmark Producer / Consumer (example/benchmark) where they exist;
 * `-d`, `--warmup`, `--json`, `--timeout` and `--from` are ours. Apache's `-d` (delay messages) and
 * `-a` (ACL) have no counterpart here: `-d` is the run's duration and `-a` an alias of `-y`.
 */
export type BenchMode = 'producer' | 'consumer';

export interface CommonOptions {
  readonly namesrvAddr: string;
  readonly topic: string;
  /** Seconds measured after the warm-up; 0 = until `-q` is reached or Ctrl-C. */
  readonly durationSeconds: number;
  /** Seconds run before measuring (printed, not summarised). */
  readonly warmupSeconds: number;
  /** Stop after this many successful messages (0 = no limit); Apache's messageQuantity. */
  readonly messageQuantity: number;
  /** Print the summary as one JSON object on the last stdout line. */
  readonly json: boolean;
}

export interface ProducerBenchOptions extends CommonOptions {
  readonly mode: 'producer';
  readonly producerGroup: string;
  /** Sends in flight at once: Java's thread count (each thread one synchronous send). */
  readonly concurrency: number;
  readonly messageSize: number;
  /** Set KEYS to the send's second, as Apache's benchmark does. */
  readonly keyEnable: boolean;
  /** Tags `tag0`..`tag{n-1}` by time, as Apache's `-l`; 0 = no tag. */
  readonly tagCount: number;
  /** Apache's asyncEnable: one sender with up to `concurrency` (default 10 000) sends outstanding. */
  readonly asyncEnable: boolean;
  readonly sendTimeoutMs: number;
}

export type ConsumeFrom = 'first' | 'last';

export interface ConsumerBenchOptions extends CommonOptions {
  readonly mode: 'consumer';
  readonly consumerGroup: string;
  /** Messages consumed at once (Java: consume threads). */
  readonly concurrency: number;
  /** Share of messages answered RECONSUME_LATER (Apache's `-r`), 0..1. */
  readonly failRate: number;
  readonly consumeFrom: ConsumeFrom;
}

export type BenchOptions = ProducerBenchOptions | ConsumerBenchOptions;

export type ParseOutcome = { readonly kind: 'run'; readonly options: BenchOptions } | { readonly kind: 'help'; readonly text: string };

/** Java's async benchmark caps its callback queue at 10 000 sends; ours caps sends in flight. */
export const ASYNC_DEFAULT_IN_FLIGHT = 10_000;

const COMMON_FLAGS: readonly FlagSpec[] = [
  {
    key: 'namesrvAddr',
    names: ['-n', '--namesrvAddr'],
    kind: 'string',
    help: 'name server(s), `a:9876;b:9876` (default: $NAMESRV_ADDR or 127.0.0.1:9876)',
  },
  { key: 'topic', names: ['-t', '--topic'], kind: 'string', help: 'topic (default BenchmarkTest)' },
  {
    key: 'duration',
    names: ['-d', '--duration'],
    kind: 'number',
    help: 'seconds to measure after the warm-up; 0 = until -q or Ctrl-C (default 0)',
  },
  { key: 'warmup', names: ['--warmup'], kind: 'number', help: 'seconds to run before measuring (default 0)' },
  {
    key: 'messageQuantity',
    names: ['-q', '--messageQuantity'],
    kind: 'int',
    help: 'stop after this many messages; 0 = no limit (default 0)',
  },
  { key: 'json', names: ['--json'], kind: 'bool', help: 'print the summary as JSON on the last stdout line' },
  { key: 'help', names: ['-h', '--help'], kind: 'bool', help: 'print this help' },
];

const PRODUCER_FLAGS: readonly FlagSpec[] = [
  ...COMMON_FLAGS,
  {
    key: 'concurrency',
    names: ['-w', '--threadCount', '--concurrency'],
    kind: 'int',
    help: "sends in flight, Java's threads (default 64; with -y 10000)",
  },
  { key: 'messageSize', names: ['-s', '--messageSize'], kind: 'int', help: 'body bytes (default 128)' },
  { key: 'keyEnable', names: ['-k', '--keyEnable'], kind: 'bool', help: 'set KEYS on every message (default false)' },
  { key: 'tagCount', names: ['-l', '--tagCount'], kind: 'int', help: 'tags tag0..tag<n-1>; 0 = no tag (default 0)' },
  {
    key: 'asyncEnable',
    names: ['-y', '--asyncEnable', '-a', '--async'],
    kind: 'bool',
    help: 'async send: one sender, many sends outstanding (default false)',
  },
  { key: 'group', names: ['-g', '--group'], kind: 'string', help: 'producer group (default benchmark_producer)' },
  { key: 'timeout', names: ['--timeout'], kind: 'int', help: 'send timeout in ms, retries included (default 3000)' },
];

const CONSUMER_FLAGS: readonly FlagSpec[] = [
  ...COMMON_FLAGS,
  {
    key: 'concurrency',
    names: ['-w', '--threadCount', '--concurrency'],
    kind: 'int',
    help: "messages consumed at once, Java's consume threads (default 20)",
  },
  { key: 'group', names: ['-g', '--group'], kind: 'string', help: 'consumer group, or its prefix with -p (default benchmark_consumer)' },
  { key: 'suffix', names: ['-p', '--groupSuffix'], kind: 'bool', help: 'append _<ms % 100> to the group, as Apache does (default true)' },
  { key: 'failRate', names: ['-r', '--failRate'], kind: 'number', help: 'share of messages answered RECONSUME_LATER, 0..1 (default 0)' },
  {
    key: 'from',
    names: ['--from'],
    kind: 'string',
    help: "a new group starts at the queue's first or last offset: first|last (default last)",
  },
];

export const USAGE = `usage: mqbench producer|consumer [options]

RocketMQ's benchmark for the rocketmq-ts client: prints one line per second, a closing summary,
and with --json a summary object as the last stdout line. Ctrl-C ends the run early, summary included.

mqbench producer
${describeFlags(PRODUCER_FLAGS)}

mqbench consumer
${describeFlags(CONSUMER_FLAGS)}`;

export function parseBenchArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): ParseOutcome {
  const [mode, ...rest] = argv;
  if (mode === undefined || mode === '-h' || mode === '--help' || mode === 'help') return { kind: 'help', text: USAGE };
  if (mode !== 'producer' && mode !== 'consumer')
    throw new UsageError(`unknown mode ${JSON.stringify(mode)}: expected producer or consumer`);
  const values = parseFlags(rest, mode === 'producer' ? PRODUCER_FLAGS : CONSUMER_FLAGS);
  if (values.get('help') === true) return { kind: 'help', text: USAGE };
  const common = commonOptions(values, env);
  return { kind: 'run', options: mode === 'producer' ? producerOptions(values, common) : consumerOptions(values, common) };
}

function commonOptions(values: Map<string, FlagValue>, env: Readonly<Record<string, string | undefined>>): CommonOptions {
  const envNamesrv = env['NAMESRV_ADDR']?.trim();
  return {
    namesrvAddr: str(values, 'namesrvAddr') ?? (envNamesrv ? envNamesrv : '127.0.0.1:9876'),
    topic: str(values, 'topic') ?? 'BenchmarkTest',
    durationSeconds: atLeast(values, 'duration', 0, '-d'),
    warmupSeconds: atLeast(values, 'warmup', 0, '--warmup'),
    messageQuantity: atLeast(values, 'messageQuantity', 0, '-q'),
    json: values.get('json') === true,
  };
}

function producerOptions(values: Map<string, FlagValue>, common: CommonOptions): ProducerBenchOptions {
  const asyncEnable = values.get('asyncEnable') === true;
  return {
    ...common,
    mode: 'producer',
    producerGroup: str(values, 'group') ?? 'benchmark_producer',
    concurrency: atLeast(values, 'concurrency', asyncEnable ? ASYNC_DEFAULT_IN_FLIGHT : 64, '-w', 1),
    messageSize: atLeast(values, 'messageSize', 128, '-s', 1),
    keyEnable: values.get('keyEnable') === true,
    tagCount: atLeast(values, 'tagCount', 0, '-l'),
    asyncEnable,
    sendTimeoutMs: atLeast(values, 'timeout', 3_000, '--timeout', 1),
  };
}

function consumerOptions(values: Map<string, FlagValue>, common: CommonOptions): ConsumerBenchOptions {
  const prefix = str(values, 'group') ?? 'benchmark_consumer';
  const suffix = values.get('suffix') ?? true;
  const failRate = atLeast(values, 'failRate', 0, '-r');
  if (failRate > 1) throw new UsageError(`option -r takes a share between 0 and 1, got ${failRate}`);
  const from = str(values, 'from') ?? 'last';
  if (from !== 'first' && from !== 'last') throw new UsageError(`option --from takes first or last, got ${JSON.stringify(from)}`);
  return {
    ...common,
    mode: 'consumer',
    consumerGroup: suffix === true ? `${prefix}_${Date.now() % 100}` : prefix,
    concurrency: atLeast(values, 'concurrency', 20, '-w', 1),
    failRate,
    consumeFrom: from,
  };
}

function str(values: Map<string, FlagValue>, key: string): string | undefined {
  const value = values.get(key);
  return typeof value === 'string' ? value : undefined;
}

function atLeast(values: Map<string, FlagValue>, key: string, fallback: number, flag: string, minimum = 0): number {
  const value = values.get(key);
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || value < minimum)
    throw new UsageError(`option ${flag} must be at least ${minimum}, got ${String(value)}`);
  return value;
}
