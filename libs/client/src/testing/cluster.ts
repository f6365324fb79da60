import { BROKER_BIN, createTempDir, freePort, type ManagedProcess, NAMESRV_BIN, processes, spawnProcess, type TempDir, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

// A real name server and broker as child processes (bin/mqnamesrv, bin/mqbroker), so the producer
// specs go through the same wire a Java client would.

const BOOT_TIMEOUT_MS = 90_000;


export interface TestCluster {
  /** The first name server (the only one unless `namesrvCount` asked for more). */
  readonly namesrvAddr: string;
  /** Every name server, in start order; the broker registers with all of them. */
  readonly namesrvAddrs: readonly string[];
  /** The name server processes, e.g. to SIGKILL one in a failover test. */
  readonly namesrvProcesses: readonly ManagedProcess[];
  readonly brokerAddr: string;
  readonly brokerName: string;
  stop(): Promise<void>;
}

export interface StartClusterOptions {
  /** Name servers to start (default 1); the broker registers with each. */
  readonly namesrvCount?: number;
}

/** Boot attempts when a port picked by freePort was taken by another process before we bound it. */
const BOOT_ATTEMPTS = 3;

export async function startCluster(brokerSettings: Record<string, string> = {}, options: StartClusterOptions = {}): Promise<TestCluster> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startClusterOnce(brokerSettings, options);
    } catch (error) {
      // Other suites on this machine pick free ports too; a lost race is worth new ports, nothing else is.
      if (attempt >= BOOT_ATTEMPTS || !String(error instanceof Error ? `${error.message} ${String(error.cause)}` : error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function startClusterOnce(brokerSettings: Record<string, string>, options: StartClusterOptions): Promise<TestCluster> {
  const dirs: TempDir[] = [];
  const started: ManagedProcess[] = [];
  try {
    const namesrvAddrs: string[] = [];
    const namesrvProcesses: ManagedProcess[] = [];
    for (let index = 0; index < (options.namesrvCount ?? 1); index += 1) {
      const [namesrvPort, namesrvHttpPort] = [await freePort(), await freePort()];
      const namesrvHome = createTempDir('client-spec-namesrv');
      dirs.push(namesrvHome);
      const namesrv = spawnProcess({
        name: index === 0 ? 'namesrv' : `namesrv-${index + 1}`,
        command: NAMESRV_BIN,
        args: [`--listenPort=${namesrvPort}`, `--httpPort=${namesrvHttpPort}`, `--kvConfigPath=${namesrvHome.path}/kvConfig.json`],
        cwd: WORKSPACE_ROOT,
        env: { HOME: namesrvHome.path },
      });
      started.push(namesrv);
      namesrvProcesses.push(namesrv);
      namesrvAddrs.push(`127.0.0.1:${namesrvPort}`);
    }
    await Promise.all(
      namesrvProcesses.map((namesrv, index) => {
        const addr = namesrvAddrs[index] as string;
        return namesrv.waitForPort(Number(addr.slice(addr.lastIndexOf(':') + 1)), { timeoutMs: BOOT_TIMEOUT_MS, reason: `name server on ${addr}` });
      }),
    );
    const namesrvAddr = namesrvAddrs[0] as string;
    const [brokerPort, brokerHttpPort] = [await freePort(), await freePort()];
    const store = createTempDir('client-spec-store');
    dirs.push(store);
    const brokerName = 'client-spec-broker';
    const settings: Record<string, string> = {
      namesrvAddr: namesrvAddrs.join(';'),
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
      namesrvAddrs,
      namesrvProcesses,
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
