import { createTempDir, spawnProcess } from '@rocketmq-ts/testing';

import { JAVA_BIN } from './paths';

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
  const home = createTempDir('broker-e2e-java');
  try {
    const child = spawnProcess({ name: `java ${program}`, command: `${JAVA_BIN}/run-client.sh`, args: [program, ...args], env: { CLIENT_HOME: home.path }, logFile: true });
    const exit = await child.waitForExit({ timeoutMs, reason: `${program} ${args.join(' ')} finished` });
    const lines = child.lines().map((line) => line.text);
    const summaryLine = lines.find((line) => line.startsWith('SUMMARY '));
    if (summaryLine === undefined) throw new Error(`${program} exited with ${JSON.stringify(exit)} and no SUMMARY line\n${child.tail(40)}`);
    return { exitCode: exit.code, summary: JSON.parse(summaryLine.slice('SUMMARY '.length)) as Record<string, unknown>, lines };
  } finally {
    home.remove();
  }
}

/** Every `SEND {json}` line of an InteropProducer run. */
export function sendLines(run: JavaRun): Array<Readonly<Record<string, unknown>>> {
  return run.lines.filter((line) => line.startsWith('SEND ')).map((line) => JSON.parse(line.slice('SEND '.length)) as Record<string, unknown>);
}

export function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw new Error(`${what}: expected a string array, got ${JSON.stringify(value)}`);
  return value as string[];
}

export function record(value: unknown, what: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what}: expected an object, got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}
