import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { freeLauncherPortOffset, type ManagedProcess, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

export { isAlive } from '@rocketmq-ts/testing';

const run = promisify(execFile);
/** A --port-offset under which every launcher port is free now. */
export const freePortOffset = freeLauncherPortOffset;

export interface ClusterListBroker {
  readonly cluster: string;
  readonly brokerName: string;
  readonly brokerId: number;
  readonly addr: string;
}

/** `bin/mqadmin clusterList --json -n <addr>`, as a user would run it. */
export async function mqadminClusterList(namesrvAddr: string): Promise<ClusterListBroker[]> {
  const { stdout } = await run(join(WORKSPACE_ROOT, 'bin', 'mqadmin'), ['clusterList', '--json', '-n', namesrvAddr], {
    cwd: WORKSPACE_ROOT,
    timeout: 60_000,
  });
  const parsed = JSON.parse(stdout) as { brokers: ClusterListBroker[] };
  return parsed.brokers;
}

/** The pids the launcher printed in its ready table. */
export function launchedPids(launcher: ManagedProcess): number[] {
  const ready = launcher
    .output()
    .split('\n')
    .filter((line) => /^\[start\] {3}\S.* pid \d+$/.test(line));
  return ready.map((line) => Number(/pid (\d+)$/.exec(line)?.[1]));
}
