import { brokerClusterInfo, freePort, type ManagedProcess, spawnProcess, suiteTempDir, waitFor } from '@rocketmq-ts/testing';

import { BROKER_BIN, NAMESRV_BIN, WORKSPACE_ROOT } from './paths';
import { getTopicRoute } from './remoting-queries';

export interface RunningNamesrv {
  readonly port: number;
  readonly address: string;
  readonly process: ManagedProcess;
}

export interface RunningBroker {
  readonly port: number;
  readonly address: string;
  readonly brokerName: string;
  readonly process: ManagedProcess;
}

/** Temp dirs made for processes; removed after the suite file by `useProcessHygiene`. */
const tempDir = suiteTempDir;

/** `bin/mqnamesrv` on a free port. */
export async function startNamesrv(): Promise<RunningNamesrv> {
  const [port, httpPort] = [await freePort(), await freePort()];
  const home = tempDir('broker-e2e-namesrv');
  const child = spawnProcess({
    name: 'namesrv',
    command: NAMESRV_BIN,
    args: [`--listenPort=${port}`, `--httpPort=${httpPort}`, `--kvConfigPath=${home.path}/kvConfig.json`],
    cwd: WORKSPACE_ROOT,
    env: { HOME: home.path },
    logFile: true,
  });
  await child.waitForPort(port, { timeoutMs: 90_000, reason: `name server listening on 127.0.0.1:${port}` });
  return { port, address: `127.0.0.1:${port}`, process: child };
}

/**
 * `bin/mqbroker` on free ports with a temp store, registering to `namesrv`; resolves once the name
 * server lists it. `brokerIP1` is 127.0.0.1: clients decode the store host out of offsetMsgIds.
 */
export async function startBroker(namesrv: RunningNamesrv, brokerName: string, extra: Record<string, string> = {}): Promise<RunningBroker> {
  // The HA port too: listenPort + 1 is not known to be free (a master binds it at start).
  const [port, httpPort, haPort] = [await freePort(), await freePort(), await freePort()];
  const store = tempDir('broker-e2e-store');
  const settings: Record<string, string> = {
    namesrvAddr: namesrv.address,
    listenPort: String(port),
    httpPort: String(httpPort),
    haListenPort: String(haPort),
    brokerIP1: '127.0.0.1',
    bindAddress: '127.0.0.1',
    brokerName,
    storePathRootDir: store.path,
    ...extra,
  };
  const child = spawnProcess({
    name: `broker(${brokerName})`,
    command: BROKER_BIN,
    args: Object.entries(settings).map(([key, value]) => `--${key}=${value}`),
    cwd: WORKSPACE_ROOT,
    env: { HOME: store.path },
    logFile: true,
  });
  await child.waitForOutput(/boot success/, { timeoutMs: 90_000, reason: `broker ${brokerName} booted on 127.0.0.1:${port}` });
  const address = `127.0.0.1:${port}`;
  await waitFor(async () => (await brokerClusterInfo(namesrv.address)).brokerAddrTable.get(brokerName)?.brokerAddrs.get(0) === address, {
    timeoutMs: 60_000,
    intervalMs: 250,
    reason: `broker ${brokerName} (${address}) registered on the name server`,
  });
  return { port, address, brokerName, process: child };
}

/** Waits until the name server routes `topic` to `brokerName` (after an auto-create or a heartbeat). */
export async function waitForTopicRoute(namesrv: RunningNamesrv, topic: string, brokerName: string): Promise<void> {
  await waitFor(
    async () => (await getTopicRoute(namesrv.port, topic))?.queueDatas.some((queue) => queue.brokerName === brokerName) ?? false,
    { timeoutMs: 60_000, intervalMs: 250, reason: `route of ${topic} on ${brokerName}` },
  );
}
