import { describe, expect, it } from 'vitest';

import {
  ASYNC_DEFAULT_IN_FLIGHT,
  type BenchOptions,
  type ConsumerBenchOptions,
  parseBenchArgs,
  type ProducerBenchOptions,
  USAGE,
} from './bench-options';
import { UsageError } from '@rocketmq-ts/config';

function run(argv: string[], env: Record<string, string> = {}): BenchOptions {
  const outcome = parseBenchArgs(argv, env);
  if (outcome.kind !== 'run') throw new Error('expected options, got help');
  return outcome.options;
}

function producer(argv: string[], env: Record<string, string> = {}): ProducerBenchOptions {
  const options = run(['producer', ...argv], env);
  if (options.mode !== 'producer') throw new Error('expected producer options');
  return options;
}

function consumer(argv: string[]): ConsumerBenchOptions {
  const options = run(['consumer', ...argv]);
  if (options.mode !== 'consumer') throw new Error('expected consumer options');
  return options;
}

describe('parseBenchArgs: producer', () => {
  it("has Apache's benchmark defaults", () => {
    expect(producer([])).toEqual({
      mode: 'producer',
      namesrvAddr: '127.0.0.1:9876',
      topic: 'BenchmarkTest',
      durationSeconds: 0,
      warmupSeconds: 0,
      messageQuantity: 0,
      json: false,
      producerGroup: 'benchmark_producer',
      concurrency: 64,
      messageSize: 128,
      keyEnable: false,
      tagCount: 0,
      asyncEnable: false,
      sendTimeoutMs: 3000,
    });
  });

  it("takes Apache's letters", () => {
    const options = producer([
      '-n',
      '10.0.0.1:9876',
      '-t',
      'T1',
      '-w',
      '8',
      '-s',
      '1024',
      '-k',
      'true',
      '-l',
      '4',
      '-q',
      '500',
      '-d',
      '30',
      '--json',
    ]);
    expect(options).toMatchObject({
      namesrvAddr: '10.0.0.1:9876',
      topic: 'T1',
      concurrency: 8,
      messageSize: 1024,
      keyEnable: true,
      tagCount: 4,
      messageQuantity: 500,
      durationSeconds: 30,
      json: true,
    });
  });

  it('takes long names, with the value after = as Nx forwards them', () => {
    const options = producer([
      '--namesrvAddr=a:1;b:2',
      '--topic=T2',
      '--threadCount=3',
      '--messageSize',
      '64',
      '--duration=2.5',
      '--warmup=1',
      '--timeout=500',
      '--json=false',
    ]);
    expect(options).toMatchObject({
      namesrvAddr: 'a:1;b:2',
      topic: 'T2',
      concurrency: 3,
      messageSize: 64,
      durationSeconds: 2.5,
      warmupSeconds: 1,
      sendTimeoutMs: 500,
      json: false,
    });
  });

  it('reads a bare boolean flag as true and leaves the next flag alone', () => {
    expect(producer(['-k', '-s', '256'])).toMatchObject({ keyEnable: true, messageSize: 256 });
    expect(producer(['-k', 'false'])).toMatchObject({ keyEnable: false });
  });

  it('async send (-y, or -a) keeps up to 10 000 sends in flight unless -w says otherwise', () => {
    expect(producer(['-y', 'true'])).toMatchObject({ asyncEnable: true, concurrency: ASYNC_DEFAULT_IN_FLIGHT });
    expect(producer(['-a'])).toMatchObject({ asyncEnable: true, concurrency: ASYNC_DEFAULT_IN_FLIGHT });
    expect(producer(['-a', '-w', '256'])).toMatchObject({ asyncEnable: true, concurrency: 256 });
  });

  it('falls back to $NAMESRV_ADDR, and -n wins over it', () => {
    expect(producer([], { NAMESRV_ADDR: '10.1.1.1:9876' }).namesrvAddr).toBe('10.1.1.1:9876');
    expect(producer(['-n', 'x:1'], { NAMESRV_ADDR: '10.1.1.1:9876' }).namesrvAddr).toBe('x:1');
  });

  it.each([
    [['-w', '0'], 'option -w must be at least 1, got 0'],
    [['-s', 'big'], 'option -s takes an integer, got "big"'],
    [['-w', '1.5'], 'option -w takes an integer, got "1.5"'],
    [['-d', '-1'], 'option -d must be at least 0, got -1'],
    [['-t'], 'option -t needs a value'],
    [['-t', ' '], 'option -t needs a non-empty value'],
    [['-k=maybe'], 'option -k takes true or false, got "maybe"'],
    [['--delay', '1'], 'unknown option --delay'],
    [['-r', '0.1'], 'unknown option -r'],
    [['extra'], 'unexpected argument "extra"'],
  ])('rejects %j: %s', (argv, message) => {
    expect(() => producer(argv)).toThrow(new UsageError(message));
  });
});

describe('parseBenchArgs: consumer', () => {
  it("has Apache's defaults, the group suffixed with _<ms % 100>", () => {
    const options = consumer([]);
    expect(options).toMatchObject({
      mode: 'consumer',
      topic: 'BenchmarkTest',
      concurrency: 20,
      failRate: 0,
      consumeFrom: 'last',
      messageQuantity: 0,
    });
    expect(options.consumerGroup).toMatch(/^benchmark_consumer_\d{1,2}$/);
  });

  it('takes -g, -p false (no suffix), -w, -r, --from and -q', () => {
    expect(consumer(['-g', 'G1', '-p', 'false', '-w', '4', '-r', '0.25', '--from', 'first', '-q', '1000'])).toMatchObject({
      consumerGroup: 'G1',
      concurrency: 4,
      failRate: 0.25,
      consumeFrom: 'first',
      messageQuantity: 1000,
    });
  });

  it('rejects a fail rate above 1, an unknown --from and producer-only flags', () => {
    expect(() => consumer(['-r', '1.5'])).toThrow(new UsageError('option -r takes a share between 0 and 1, got 1.5'));
    expect(() => consumer(['--from', 'middle'])).toThrow(new UsageError('option --from takes first or last, got "middle"'));
    expect(() => consumer(['-s', '128'])).toThrow(new UsageError('unknown option -s'));
  });
});

describe('parseBenchArgs: mode and help', () => {
  it('prints the usage for no arguments, -h, or -h after a mode', () => {
    for (const argv of [[], ['-h'], ['--help'], ['producer', '-h'], ['consumer', '--help']]) {
      expect(parseBenchArgs(argv)).toEqual({ kind: 'help', text: USAGE });
    }
    expect(USAGE).toContain('-w, --threadCount, --concurrency <value>');
  });

  it('rejects an unknown mode', () => {
    expect(() => parseBenchArgs(['broker'])).toThrow(new UsageError('unknown mode "broker": expected producer or consumer'));
  });
});
