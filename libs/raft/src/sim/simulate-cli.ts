// `npx nx run raft:simulate -- --seeds 10000 [--from 1] [--workers 2]` runs a seed range across
// worker threads; `--seed 1234 --trace` replays (Nx keeps `--verbose` for itself, so `--trace` is the same switch) one
// seed and prints its trace. See docs/raft.md#the-simulator.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

import type { PlantedBugs } from '../core/raft-core';
import { replayCommand, runSeedRange, type SeedRangeReport } from './seed-runner';
import { runSimulation } from './simulation';

interface CliOptions {
  from: number;
  seeds: number;
  seed: number | undefined;
  verbose: boolean;
  workers: number;
  bug: PlantedBugs | undefined;
}

const BUGS: Record<string, PlantedBugs> = {
  'ack-before-fsync': { ackBeforeFsync: true },
  'skip-up-to-date-check': { skipUpToDateCheck: true },
};

function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    from: 1,
    seeds: 1000,
    seed: undefined,
    verbose: false,
    workers: Math.min(2, availableParallelism()),
    bug: undefined,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    const integer = (): number => {
      const text = value();
      const parsed = Number(text);
      if (!Number.isSafeInteger(parsed) || parsed < 0) throw new Error(`${flag} must be a non-negative integer, got "${text}"`);
      return parsed;
    };
    if (flag === '--seed') options.seed = integer();
    else if (flag === '--seeds') options.seeds = integer();
    else if (flag === '--from') options.from = integer();
    else if (flag === '--workers') options.workers = Math.max(1, integer());
    else if (flag === '--verbose' || flag === '--trace') options.verbose = true;
    else if (flag === '--bug') {
      const name = value();
      const bug = BUGS[name];
      if (!bug) throw new Error(`--bug must be one of ${Object.keys(BUGS).join(', ')}, got "${name}"`);
      options.bug = bug;
    } else throw new Error(`unknown argument "${arg}" (expected --seed, --seeds, --from, --workers, --trace, --bug)`);
  }
  return options;
}

async function replayOne(options: CliOptions & { seed: number }): Promise<number> {
  const result = await runSimulation({
    seed: options.seed,
    plantedBugs: options.bug,
    print: options.verbose ? (line) => console.log(line) : undefined,
  });
  console.log(JSON.stringify(result));
  if (result.violation === undefined) return 0;
  console.error(`seed ${options.seed} FAILED: ${result.violation}`);
  return 1;
}

async function runRange(options: CliOptions): Promise<number> {
  const started = performance.now();
  const workers = Math.min(options.workers, Math.max(1, options.seeds));
  const share = Math.ceil(options.seeds / workers);
  const parts: Array<Promise<SeedRangeReport>> = [];
  for (let w = 0; w < workers; w += 1) {
    const from = options.from + w * share;
    const count = Math.max(0, Math.min(share, options.from + options.seeds - from));
    parts.push(
      new Promise((resolve, reject) => {
        const worker = new Worker(__filename, { workerData: { from, count, bug: options.bug }, execArgv: process.execArgv });
        worker.once('message', (report: SeedRangeReport) => resolve(report));
        worker.once('error', reject);
      }),
    );
  }
  const reports = await Promise.all(parts);
  const seconds = (performance.now() - started) / 1000;
  const sum = (pick: (report: SeedRangeReport) => number): number => reports.reduce((total, report) => total + pick(report), 0);
  const failures = reports.flatMap((report) => report.failures);
  console.log(
    `raft simulation: ${sum((r) => r.seeds)} seeds [${options.from}, ${options.from + options.seeds}) on ${workers} worker(s) in ${seconds.toFixed(1)} s ` +
      `(${(sum((r) => r.seeds) / seconds).toFixed(0)} seeds/s); ${(sum((r) => r.simulatedMs) / 1000).toFixed(0)} simulated s, ` +
      `${sum((r) => r.events)} events, ${sum((r) => r.crashes)} crashes, ${sum((r) => r.committed)} entries committed, ` +
      `slowest recovery after heal ${Math.max(...reports.map((r) => r.maxRecoveryMs))} simulated ms`,
  );
  for (const failure of failures)
    console.error(`seed ${failure.seed} FAILED: ${failure.violation}\n  replay: ${replayCommand(failure.seed)}`);
  if (failures.length > 0) console.error(`${failures.length} failing seed(s)`);
  return failures.length === 0 ? 0 : 1;
}

async function main(): Promise<void> {
  if (!isMainThread) {
    const { from, count, bug } = workerData as { from: number; count: number; bug: PlantedBugs | undefined };
    parentPort?.postMessage(await runSeedRange(from, count, bug));
    return;
  }
  const options = parseArgs(process.argv.slice(2));
  process.exitCode = options.seed !== undefined ? await replayOne({ ...options, seed: options.seed }) : await runRange(options);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
