import { BROKER_BIN, createTempDir, freePort, type ManagedProcess, NAMESRV_BIN, processes, spawnProcess, type TempDir, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

// A real name server and broker as child processes (bin/mqnamesrv, bin/mqbroker), so the producer
// specs go through the same wire a Java client would.

const BOOT_TIMEOUT_MS = 90_000;


export interface TestCluster {
  readonly namesrvAddr: string;
  readonly brokerAddr: string;
  readonly brokerName: string;
  stop(): Promise<void>;
}

export async function startCluster(brokerSettings: Record<string, string> = {}): Promise<TestCluster> {
  const dirs: TempDir[] = [];
  const started: ManagedProcess[] = [];
  try {
    const [namesrvPort, namesrvHttpPort, brokerPort, brokerHttpPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const namesrvHome = createTempDir('client-spec-namesrv');
    dirs.push(namesrvHome);
    const namesrv = spawnProcess({
      name: 'namesrv',
      command: NAMESRV_BIN,
      args: [`--listenPort=${namesrvPort}`, `--httpPort=${namesrvHttpPort}`, `--kvConfigPath=${namesrvHome.path}/kvConfig.json`],
      cwd: WORKSPACE_ROOT,
      env: { HOME: namesrvHome.path },
    });
    started.push(namesrv);
    const namesrvAddr = `127.0.0.1:${namesrvPort}`;
    await namesrv.waitForPort(namesrvPort, { timeoutMs: BOOT_TIMEOUT_MS, reason: `name server on ${namesrvAddr}` });
    const store = createTempDir('client-spec-store');
    dirs.push(store);
    const brokerName = 'client-spec-broker';
    const settings: Record<string, string> = {
      namesrvAddr,
      listenPort: String(brokerPort),
      httpPort: String(brokerHttpPort),
      brokerIP1: '127.0.0.1',
      bindAddress: '127.0.0.1',
      brokerName,
      storePathRootDir: store.path,
      ...brokerSettings,
    };
    const broker = spawnProcess({
      name: 'broker',
      command: BROKER_BIN,
      args: Object.entries(settings).map(([key, value]) => `--${key}=${value}`),
      cwd: WORKSPACE_ROOT,
      env: { HOME: store.path },
    });
    started.push(broker);
    await broker.waitForOutput(/boot success/, { timeoutMs: BOOT_TIMEOUT_MS, reason: `broker on 127.0.0.1:${brokerPort}` });
    return {
      namesrvAddr,
      brokerAddr: `127.0.0.1:${brokerPort}`,
      brokerName,
      stop: async () => {
        await processes.stopAll({ graceMs: 10_000 });
        for (const dir of dirs) dir.remove();
      },
    };
  } catch (error) {
    await processes.stopAll({ graceMs: 5_000 });
    for (const dir of dirs) dir.remove();
    throw error;
  }
}
