import { JAVA_BIN } from './java-client';
import { freePort } from './ports';
import { type ManagedProcess, spawnProcess } from './process-harness';
import { suiteTempDir } from './suite-hygiene';

export interface RunningApacheController {
  readonly addr: string;
  readonly process: ManagedProcess;
}

/**
 * One Apache RocketMQ 5.3.3 controller (DLedger, tools/interop/java/bin/run-controller.sh) on a
 * free port; `settings` are extra controller.conf keys (e.g. scanNotActiveBrokerInterval).
 */
export async function startApacheController(settings: Readonly<Record<string, string>> = {}): Promise<RunningApacheController> {
  const port = await freePort();
  const work = suiteTempDir('apache-controller');
  const child = spawnProcess({
    name: `controller:${port}`,
    command: `${JAVA_BIN}/run-controller.sh`,
    args: [work.path, 'n0', `n0-127.0.0.1:${port}`, ...Object.entries(settings).map(([key, value]) => `${key}=${value}`)],
    logFile: true,
  });
  await child.waitForPort(port, { timeoutMs: 120_000, reason: `Apache controller on 127.0.0.1:${port}` });
  return { addr: `127.0.0.1:${port}`, process: child };
}
