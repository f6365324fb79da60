import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { JAVA_BIN, spawnProcess, suiteTempDir } from '@rocketmq-ts/testing';

/** One mqadmin command's result inside a batch. */
export interface AdminRun {
  readonly args: readonly string[];
  /** What the command printed (stdout and stderr interleaved, as a terminal shows them). */
  readonly output: string;
  readonly millis: number;
  /** False when the batch JVM ended before the command finished: it called System.exit (a usage error). */
  readonly completed: boolean;
}

const BATCH_TIMEOUT_MS = 240_000;

/**
 * Runs mqadmin commands through tools/interop/java's AdminBatch: one JVM for the lot, each command
 * through MQAdminStartup.main0 exactly as `mqadmin` runs it, output captured per command.
 */
export async function runAdminBatch(label: string, commands: ReadonlyArray<readonly string[]>): Promise<AdminRun[]> {
  const dir = suiteTempDir(`mqadmin-${label}`);
  const file = join(dir.path, 'commands.txt');
  writeFileSync(file, commands.map((args) => args.join('\t')).join('\n'));
  const child = spawnProcess({
    name: `mqadmin-batch(${label})`,
    command: `${JAVA_BIN}/run-client.sh`,
    args: ['AdminBatch', file],
    env: { CLIENT_HOME: dir.path },
    logFile: true,
    maxLines: 50_000,
  });
  await child.waitForExit({ timeoutMs: BATCH_TIMEOUT_MS, reason: `mqadmin batch ${label} (${commands.length} commands)` });
  return parseBatchOutput(
    child
      .lines()
      .filter((line) => line.stream === 'stdout')
      .map((line) => line.text),
    commands,
  );
}

/** Splits AdminBatch's `@@@BEGIN n` … `@@@END n millis` blocks; a command's output may end without a newline. */
export function parseBatchOutput(lines: readonly string[], commands: ReadonlyArray<readonly string[]>): AdminRun[] {
  const runs: AdminRun[] = commands.map((args) => ({ args, output: '', millis: 0, completed: false }));
  let current: { index: number; lines: string[] } | undefined;
  for (const line of lines) {
    const begin = /^@@@BEGIN (\d+)$/.exec(line);
    if (begin !== null) {
      current = { index: Number(begin[1]), lines: [] };
      continue;
    }
    const end = /^(.*)@@@END (\d+) (\d+)$/.exec(line);
    if (end !== null && current !== undefined) {
      if ((end[1] ?? '') !== '') current.lines.push(end[1] ?? '');
      const args = commands[current.index] ?? [];
      runs[current.index] = { args, output: current.lines.join('\n'), millis: Number(end[3]), completed: true };
      current = undefined;
      continue;
    }
    current?.lines.push(line);
  }
  return runs;
}
