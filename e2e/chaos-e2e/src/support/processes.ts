import { afterAll, beforeEach } from 'vitest';

import {
  BROKER_BIN,
  freePort,
  type ManagedProcess,
  NAMESRV_BIN,
  spawnProcess,
  suiteTempDir,
  useProcessHygiene as useSharedHygiene,
  WORKSPACE_ROOT,
} from '@rocketmq-ts/testing';

const BOOT_TIMEOUT_MS = 90_000;

/** A temp dir removed after the suite file (see `useProcessHygiene`). */
export const tempDir = suiteTempDir;

/** Process logs on failure; every process stopped and temp dir removed after the file (libs/testing). */
export function useProcessHygiene(): void {
  useSharedHygiene({ beforeEach, afterAll });
}

export interface RunningNamesrv {
  readonly address: string;
  readonly process: ManagedProcess;
}

export async function startNamesrv(): Promise<RunningNamesrv> {
  const [port, httpPort] = [await freePort(), await freePort()];
  const home = tempDir('chaos-e2e-namesrv');
  const child = spawnProcess({
    name: 'namesrv',
    command: NAMESRV_BIN,
    args: [`--listenPort=${port}`, `--httpPort=${httpPort}`, `--kvConfigPath=${home.path}/kvConfig.json`],
    cwd: WORKSPACE_ROOT,
    env: { HOME: home.path },
    logFile: true,
  });
  await child.waitForPort(port, { timeoutMs: BOOT_TIMEOUT_MS, reason: `name server listening on 127.0.0.1:${port}` });
  return { address: `127.0.0.1:${port}`, process: child };
}

export interface RunningBroker {
  readonly address: string;
  readonly process: ManagedProcess;
}

/**
 * One broker process on `storeDir`. Each boot takes fresh ports: a killed broker's port may still
 * be held for a moment, and nothing in these tests depends on the address staying the same.
 */
export async function startBroker(
  namesrv: RunningNamesrv,
  storeDir: string,
  boot: number,
  settings: Record<string, string>,
): Promise<RunningBroker> {
  // The HA port too: listenPort + 1 may be a client's ephemeral port by the tenth boot.
  const [port, httpPort, haPort] = [await freePort(), await freePort(), await freePort()];
  const all: Record<string, string> = {
    listenPort: String(port),
    httpPort: String(httpPort),
    haListenPort: String(haPort),
    brokerIP1: '127.0.0.1',
    bindAddress: '127.0.0.1',
    brokerName: 'chaos-broker',
    storePathRootDir: storeDir,
    ...settings,
  };
  const child = spawnProcess({
    name: `broker-boot-${boot}`,
    command: BROKER_BIN,
    args: ['-n', namesrv.address, ...Object.entries(all).map(([key, value]) => `--${key}=${value}`)],
    cwd: WORKSPACE_ROOT,
    env: { HOME: storeDir },
    logFile: true,
    // Kept short: 20+ boots per suite, and only the recovery lines of each matter on failure.
    maxLines: 400,
  });
  await child.waitForOutput(/boot success/, { timeoutMs: BOOT_TIMEOUT_MS, reason: `broker boot ${boot} on 127.0.0.1:${port}` });
  return { address: `127.0.0.1:${port}`, process: child };
}

/** SIGKILL (no shutdown hook runs, the abort file stays) and wait until the process is gone. */
export async function killBroker(broker: RunningBroker): Promise<void> {
  broker.process.kill('SIGKILL');
  await broker.process.waitForExit({ timeoutMs: 10_000, reason: `${broker.process.name} gone after SIGKILL` });
}
