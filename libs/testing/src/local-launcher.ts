import { join } from 'node:path';

import { LOOPBACK } from './ports';
import { type ManagedProcess, spawnProcess } from './process-harness';
import { WORKSPACE_ROOT } from './workspace-paths';

// `npm start` (tools/scripts/start-local.mjs) as a child process, on ports shifted by
// --port-offset (freeLauncherPortOffset) so that it runs beside other clusters on this machine.

/** The launcher's first name server port before the offset; the second is the next one. */
const LAUNCHER_NAMESRV_PORT = 9876;

export interface LauncherOptions {
  /** More launcher arguments, e.g. `['--set', 'key=value', '--no-restart']`. */
  readonly args?: readonly string[];
  /** Process name in logs (default `start-local-<mode>`). */
  readonly name?: string;
  /** Output lines kept for waits and a failing test's dump (default 5000: it relays every child's log). */
  readonly maxLines?: number;
}

/** Spawns the launcher for `mode` with its stores under `dataDir`. */
export function startLauncher(mode: string, dataDir: string, portOffset: number, options: LauncherOptions = {}): ManagedProcess {
  return spawnProcess({
    name: options.name ?? `start-local-${mode}`,
    command: process.execPath,
    // --no-console: the suites count and name the cluster's processes; e2e/console-e2e tests the console.
    args: [
      join(WORKSPACE_ROOT, 'tools', 'scripts', 'start-local.mjs'),
      '--mode',
      mode,
      '--data-dir',
      dataDir,
      '--port-offset',
      String(portOffset),
      '--no-console',
      ...(options.args ?? []),
    ],
    cwd: WORKSPACE_ROOT,
    logFile: true,
    maxLines: options.maxLines ?? 5000,
  });
}

/** The name servers of a launcher run with `portOffset`: one in `single` mode, two otherwise. */
export function launcherNamesrvAddrs(mode: string, portOffset: number): string[] {
  const count = mode === 'single' ? 1 : 2;
  return Array.from({ length: count }, (_, index) => `${LOOPBACK}:${LAUNCHER_NAMESRV_PORT + portOffset + index}`);
}
