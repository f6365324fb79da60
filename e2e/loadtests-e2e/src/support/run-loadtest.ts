import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { type ExitInfo, freePort, spawnProcess, type TempDir, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

export interface LoadtestRun {
  readonly exit: ExitInfo;
  readonly output: string;
  readonly summary: Record<string, unknown>;
  readonly wallSeconds: number;
}

/** `bin/loadtest <scenario> -n <namesrv> --duration 10s --summary-export …` as a user runs it. */
export async function runLoadtest(
  scenario: string,
  namesrvAddr: string,
  dir: TempDir,
  extra: readonly string[] = [],
): Promise<LoadtestRun> {
  const summaryFile = join(dir.path, `${scenario.replace(/\W/g, '_')}.json`);
  const began = performance.now();
  const child = spawnProcess({
    name: `loadtest-${scenario.replace(/\W/g, '_')}`,
    command: join(WORKSPACE_ROOT, 'bin', 'loadtest'),
    args: [
      scenario,
      '-n',
      namesrvAddr,
      '--duration',
      '10s',
      '-q',
      '--summary-export',
      summaryFile,
      '--metrics-port',
      String(await freePort()),
      ...extra,
    ],
    cwd: WORKSPACE_ROOT,
    logFile: true,
  });
  const exit = await child.waitForExit({ timeoutMs: 150_000, reason: `loadtest ${scenario}` });
  const wallSeconds = (performance.now() - began) / 1000;
  const output = child.output();
  let summary: Record<string, unknown> = {};
  try {
    summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Record<string, unknown>;
  } catch {
    // Left empty: the test's expectations on the fields then fail with the output beside them.
  }
  process.stdout.write(`[loadtests-e2e] ${scenario}: exit ${exit.code} in ${wallSeconds.toFixed(1)} s\n`);
  return { exit, output, summary, wallSeconds };
}

/** The fields README documents for --summary-export. */
export const SUMMARY_FIELDS = [
  'scenario',
  'testid',
  'executor',
  'durationSeconds',
  'passed',
  'metrics',
  'sendErrorsByCode',
  'checks',
  'thresholds',
  'knee',
  'lostSample',
  'duplicates',
] as const;
export const METRIC_FIELDS = [
  'send_latency',
  'send_errors',
  'iterations',
  'dropped_iterations',
  'messages_sent',
  'messages_consumed',
  'consumer_lag',
  'lost_messages',
  'checks',
  'vus',
] as const;
