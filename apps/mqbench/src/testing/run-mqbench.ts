import { expect } from 'vitest';

import { spawnProcess, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

import type { BenchSummary, LatencyMs } from '../report/summary';

export const MQBENCH_BIN = `${WORKSPACE_ROOT}/bin/mqbench`;

export interface MqbenchRun {
  readonly exitCode: number | null;
  readonly stdout: readonly string[];
  readonly stderr: string;
  /** The last stdout line parsed as JSON (the `--json` summary), when it is JSON. */
  readonly summary: BenchSummary | undefined;
}

/** Runs bin/mqbench to completion, as a user would, and parses its last stdout line. */
export async function runMqbench(name: string, args: readonly string[], timeoutMs = 90_000): Promise<MqbenchRun> {
  const bench = spawnProcess({ name, command: MQBENCH_BIN, args, cwd: WORKSPACE_ROOT });
  const exit = await bench.waitForExit({ timeoutMs, reason: `${name} to finish` });
  const lines = bench.lines();
  const stdout = lines.filter((line) => line.stream === 'stdout').map((line) => line.text);
  const stderr = lines
    .filter((line) => line.stream === 'stderr')
    .map((line) => line.text)
    .join('\n');
  return { exitCode: exit.code, stdout, stderr, summary: parseJson(stdout.at(-1)) };
}

/** The summary of a run that must have succeeded; the run's output is the failure message otherwise. */
export function summaryOf(run: MqbenchRun): BenchSummary {
  if (run.exitCode !== 0 || run.summary === undefined) {
    throw new Error(`mqbench exited ${String(run.exitCode)} without a JSON summary:\n${run.stdout.slice(-20).join('\n')}\n${run.stderr}`);
  }
  return run.summary;
}

/** Ordered, finite and non-negative: what any real run's latencies look like (no timing goals here). */
export function expectSaneLatency(latency: LatencyMs): void {
  const { avg, p50, p99, p999, max } = latency;
  for (const value of [avg, p50, p99, p999, max]) expect(Number.isFinite(value) && value >= 0).toBe(true);
  expect(p50).toBeLessThanOrEqual(p99);
  expect(p99).toBeLessThanOrEqual(p999);
  expect(p999).toBeLessThanOrEqual(max);
  expect(avg).toBeLessThanOrEqual(max);
}

function parseJson(line: string | undefined): BenchSummary | undefined {
  if (line === undefined || !line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as BenchSummary;
  } catch {
    return undefined;
  }
}
