/**
 * What synchronous double write costs: send TPS and p99 of `bin/mqbench producer` (64 senders,
 * 1 KiB bodies) against `npm start`'s 2m-2s-async and 2m-2s-sync clusters on this machine.
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register tools/bench/src/ha-modes.bench.ts \
 *     [--rounds 3] [--duration 30] [--warmup 5] [--threads 64] [--size 1024] [--variants async,sync,sync-async-flush]
 *
 * Variants: `async` = conf/2m-2s-async as shipped; `sync` = conf/2m-2s-sync as shipped (SYNC_MASTER
 * and SYNC_FLUSH masters); `sync-async-flush` = conf/2m-2s-sync with ASYNC_FLUSH, RocketMQ's own
 * 2m-2s-sync files, so that its ratio to `async` is the cost of the slave ack alone. Every run is a
 * fresh cluster on fresh stores; the order alternates per round. Prints medians and ratios, writes
 * tmp/bench/ha-modes.json, asserts nothing. See tools/bench/HA-MODES.md.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';

import { median } from '@rocketmq-ts/base';
import { freeLauncherPortOffset } from '@rocketmq-ts/testing';

const ROOT = resolve(__dirname, '..', '..', '..');
const run = promisify(execFile);

const VARIANTS = {
  async: { mode: '2m-2s-async', set: [] },
  sync: { mode: '2m-2s-sync', set: [] },
  'sync-async-flush': { mode: '2m-2s-sync', set: ['flushDiskType=ASYNC_FLUSH'] },
} as const satisfies Record<string, { mode: string; set: readonly string[] }>;
type Variant = keyof typeof VARIANTS;

interface RunFigures {
  readonly tps: number;
  readonly p99Ms: number;
  readonly p50Ms: number;
  readonly failures: number;
}

interface Options {
  readonly rounds: number;
  readonly durationS: number;
  readonly warmupS: number;
  readonly threads: number;
  readonly size: number;
  readonly variants: Variant[];
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '3' },
      duration: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '5' },
      threads: { type: 'string', default: '64' },
      size: { type: 'string', default: '1024' },
      variants: { type: 'string', default: 'async,sync,sync-async-flush' },
    },
  });
  const variants = values.variants.split(',').map((name) => {
    if (!(name in VARIANTS)) throw new Error(`unknown variant ${name}; known: ${Object.keys(VARIANTS).join(', ')}`);
    return name as Variant;
  });
  return {
    rounds: Number(values.rounds),
    durationS: Number(values.duration),
    warmupS: Number(values.warmup),
    threads: Number(values.threads),
    size: Number(values.size),
    variants,
  };
}

/** `npm start -- --mode …` on its own data dir; resolves once it printed "ready.". */
function startCluster(variant: Variant, dataDir: string, offset: number): Promise<ChildProcess> {
  const { mode, set } = VARIANTS[variant];
  const args = [
    join(ROOT, 'tools/scripts/start-local.mjs'),
    '--mode',
    mode,
    '--data-dir',
    dataDir,
    '--port-offset',
    String(offset),
    '--no-console',
    ...set.flatMap((entry) => ['--set', entry]),
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolveStart, rejectStart) => {
    const onData = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
      if (/^\[start\] ready\./m.test(output)) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolveStart(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000)));
    child.once('exit', (code) => rejectStart(new Error(`launcher (${variant}) exited with ${code} before ready:\n${output.slice(-4000)}`)));
  });
}

function stopCluster(child: ChildProcess): Promise<number | null> {
  return new Promise((resolveStop) => {
    child.once('exit', (code) => resolveStop(code));
    child.kill('SIGINT');
  });
}

async function runOnce(variant: Variant, options: Options): Promise<RunFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), `ha-modes-${variant}-`));
  const offset = await freeLauncherPortOffset();
  const cluster = await startCluster(variant, dataDir, offset);
  try {
    const bench = join(ROOT, 'bin/mqbench');
    const args = [
      'producer',
      '-n',
      `127.0.0.1:${9876 + offset};127.0.0.1:${9877 + offset}`,
      '-w',
      String(options.threads),
      '-s',
      String(options.size),
    ];
    args.push('-d', String(options.durationS), '--warmup', String(options.warmupS), '--json');
    const { stdout } = await run(bench, args, {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
      timeout: (options.durationS + options.warmupS + 120) * 1000,
    });
    const lines = stdout.trim().split('\n');
    const summary = JSON.parse(lines[lines.length - 1] ?? '{}') as {
      tps: number;
      failures: number;
      latencyMs: { p50: number; p99: number };
    };
    return { tps: summary.tps, p99Ms: summary.latencyMs.p99, p50Ms: summary.latencyMs.p50, failures: summary.failures };
  } finally {
    const code = await stopCluster(cluster);
    if (code !== 0) console.error(`launcher (${variant}) stopped with exit code ${code}`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  console.log(
    `HA modes bench: ${options.variants.join(', ')}; ${options.rounds} rounds, mqbench producer -w ${options.threads} -s ${options.size} -d ${options.durationS} --warmup ${options.warmupS}`,
  );
  const results = new Map<Variant, RunFigures[]>(options.variants.map((variant) => [variant, []]));
  for (let round = 1; round <= options.rounds; round += 1) {
    const order = round % 2 === 1 ? options.variants : [...options.variants].reverse();
    for (const variant of order) {
      const figures = await runOnce(variant, options);
      results.get(variant)?.push(figures);
      console.log(
        `round ${round} ${variant.padEnd(16)} tps ${figures.tps.toFixed(0).padStart(7)}  p50 ${figures.p50Ms.toFixed(2).padStart(7)} ms  p99 ${figures.p99Ms.toFixed(2).padStart(7)} ms  failures ${figures.failures}`,
      );
    }
  }
  const medians = Object.fromEntries(
    [...results].map(([variant, runs]) => [
      variant,
      { tps: median(runs.map((r) => r.tps)), p99Ms: median(runs.map((r) => r.p99Ms)), runs },
    ]),
  );
  console.log('\nvariant            median tps   median p99 (ms)   tps vs async   p99 vs async');
  const base = medians['async'];
  for (const [variant, figures] of Object.entries(medians)) {
    const tpsRatio = base === undefined ? '' : `${((figures.tps / base.tps) * 100).toFixed(1)} %`;
    const p99Ratio = base === undefined ? '' : `${(figures.p99Ms / base.p99Ms).toFixed(2)}x`;
    console.log(
      `${variant.padEnd(18)} ${figures.tps.toFixed(0).padStart(10)}   ${figures.p99Ms.toFixed(2).padStart(15)}   ${tpsRatio.padStart(12)}   ${p99Ratio.padStart(12)}`,
    );
  }
  const out = join(ROOT, 'tmp/bench/ha-modes.json');
  mkdirSync(join(ROOT, 'tmp/bench'), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), options, medians }, null, 2)}\n`);
  console.log(`\nwritten ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
