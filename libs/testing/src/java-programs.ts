import { resolve } from 'node:path';

import { spawnProcess } from './process-harness';
import { createTempDir } from './temp-dir';
import { JAVA_INTEROP_DIR } from './workspace-paths';

export interface JavaRun {
  readonly exitCode: number | null;
  readonly summary: Readonly<Record<string, unknown>>;
  /** Every stdout/stderr line of the program. */
  readonly lines: readonly string[];
}

/**
 * Runs one of tools/interop/java's programs (official client 5.3.3) to completion and parses its
 * `SUMMARY {json}` line. Client logs go to a temp home removed afterwards.
 */
export async function runJava(program: string, args: readonly string[], timeoutMs: number): Promise<JavaRun> {
  const home = createTempDir('java-client');
  try {
    const child = spawnProcess({ name: `java ${program}`, command: resolve(JAVA_INTEROP_DIR, 'bin', 'run-client.sh'), args: [program, ...args], env: { CLIENT_HOME: home.path }, logFile: true });
    const exit = await child.waitForExit({ timeoutMs, reason: `${program} ${args.join(' ')} finished` });
    const lines = child.lines().map((line) => line.text);
    const summaryLine = lines.find((line) => line.startsWith('SUMMARY '));
    if (summaryLine === undefined) throw new Error(`${program} exited with ${JSON.stringify(exit)} and no SUMMARY line\n${child.tail(40)}`);
    return { exitCode: exit.code, summary: JSON.parse(summaryLine.slice('SUMMARY '.length)) as Record<string, unknown>, lines };
  } finally {
    home.remove();
  }
}
