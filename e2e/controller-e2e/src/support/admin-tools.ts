import { spawnProcess, JAVA_BIN, suiteTempDir, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

export interface ToolRun {
  readonly exitCode: number | null;
  readonly output: string;
}

async function run(name: string, command: string, args: readonly string[], env: Record<string, string> = {}): Promise<ToolRun> {
  const child = spawnProcess({ name, command, args, env, cwd: WORKSPACE_ROOT });
  const exit = await child.waitForExit({ timeoutMs: 90_000, reason: `${name} finished` });
  return {
    exitCode: exit.code,
    output: child
      .lines()
      .map((line) => line.text)
      .join('\n'),
  };
}

/** Apache RocketMQ 5.3.3's mqadmin (tools/interop/java/bin/run-admin.sh). */
export function apacheAdmin(args: readonly string[]): Promise<ToolRun> {
  return run(`apache mqadmin ${args[0]}`, `${JAVA_BIN}/run-admin.sh`, args, { CLIENT_HOME: suiteTempDir('apache-admin').path });
}

/** Our bin/mqadmin. */
export function ourAdmin(args: readonly string[]): Promise<ToolRun> {
  return run(`our mqadmin ${args[0]}`, `${WORKSPACE_ROOT}/bin/mqadmin`, args);
}

/** The lines both tools print for controller commands (`#Key\tvalue`, `…Replica:\t…`), without log noise or blank lines. */
export function reportLines(output: string): string[] {
  return output
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => /^#[A-Za-z]|^(In|NotIn)SyncReplica:/.test(line));
}
