import { resolve } from 'node:path';

import { type ManagedProcess, spawnProcess } from './process-harness';
import { createTempDir } from './temp-dir';
import { JAVA_INTEROP_DIR } from './workspace-paths';

/** tools/interop/java's launchers (built by its setup.sh). */
export const JAVA_BIN = resolve(JAVA_INTEROP_DIR, 'bin');

export interface JavaRun {
  readonly exitCode: number | null;
  readonly summary: Readonly<Record<string, unknown>>;
  /** Every stdout/stderr line of the program. */
  readonly lines: readonly string[];
}

/**
 * Waits for a Java interop program (ours: tools/interop/java or tools/interop/java-grpc) to end and
 * reads its output: every line, and the `SUMMARY {json}` line each program ends with.
 */
export async function finishedJavaRun(
  child: ManagedProcess,
  program: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<JavaRun> {
  const exit = await child.waitForExit({ timeoutMs, reason: `${program} ${args.join(' ')} finished` });
  const lines = child.lines().map((line) => line.text);
  const summaryLine = lines.find((line) => line.startsWith('SUMMARY '));
  if (summaryLine === undefined) throw new Error(`${program} exited with ${JSON.stringify(exit)} and no SUMMARY line\n${child.tail(40)}`);
  return { exitCode: exit.code, summary: JSON.parse(summaryLine.slice('SUMMARY '.length)) as Record<string, unknown>, lines };
}

/** Lines kept of a Java run: every SEND/RECV line of a 10,000-message run must survive for javaLines(). */
const JAVA_MAX_LINES = 100_000;

/** A Java program still running: the test may act on it (wait for a line, kill a broker meanwhile) before `finished`. */
export interface RunningJava {
  readonly child: ManagedProcess;
  /** Waits for the exit and parses the `SUMMARY {json}` line; removes the client's temp home. */
  finished(timeoutMs: number): Promise<JavaRun>;
}

/** Starts one of tools/interop/java's programs (official client 5.3.3); client logs go to a temp home. */
export function startJava(program: string, args: readonly string[]): RunningJava {
  const home = createTempDir('java-client');
  const child = spawnProcess({
    name: `java ${program}`,
    command: `${JAVA_BIN}/run-client.sh`,
    args: [program, ...args],
    env: { CLIENT_HOME: home.path },
    logFile: true,
    maxLines: JAVA_MAX_LINES,
  });
  return {
    child,
    async finished(timeoutMs) {
      try {
        return await finishedJavaRun(child, program, args, timeoutMs);
      } finally {
        home.remove();
      }
    },
  };
}

/** Runs one of tools/interop/java's programs to completion and parses its `SUMMARY {json}` line. */
export function runJava(program: string, args: readonly string[], timeoutMs: number): Promise<JavaRun> {
  return startJava(program, args).finished(timeoutMs);
}

/** Every `{prefix} {json}` line of a run, e.g. the `SEND` lines of InteropProducer or `RECV` of InteropConsumer. */
export function javaLines(run: JavaRun, prefix: string): Array<Readonly<Record<string, unknown>>> {
  return run.lines
    .filter((line) => line.startsWith(`${prefix} `))
    .map((line) => JSON.parse(line.slice(prefix.length + 1)) as Record<string, unknown>);
}
