import { BROKER_BIN, createTempDir, freePort, type ManagedProcess, NAMESRV_BIN, processes, spawnProcess, type TempDir, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

// A real name server and broker (bin/mqnamesrv, bin/mqbroker) for the wire specs. The same helper
// lives in libs/client/src/testing/cluster.ts and apps/mqbench, but an app may not import another
// project's private files; it belongs in @rocketmq-ts/testing (noted for its owner).

const BOOT_TIMEOUT_MS = 90_000;

export interface AdminCluster {
  readonly namesrvAddr: string;
  readonly brokerAddr: string;
  readonly brokerName: string;
  readonly namesrv: ManagedProcess;
  readonly broker: ManagedProcess;
  stop(): Promise<void>;
}

export async function startAdminCluster(brokerName = 'mqadmin-spec-broker'): Promise<AdminCluster> {
  const dirs: TempDir[] = [];
  const stop = async (): Promise<void> => {
    await processes.stopAll({ graceMs: 10_000 });
    for (const dir of dirs) dir.remove();
  };
  try {
    const [namesrvPort, namesrvHttpPort, brokerPort, brokerHttpPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const home = createTempDir('mqadmin-spec');
    dirs.push(home);
    const namesrvAddr = `127.0.0.1:${namesrvPort}`;
    const namesrv = spawnProcess({
      name: 'namesrv',
      command: NAMESRV_BIN,
      args: [`--listenPort=${namesrvPort}`, `--httpPort=${namesrvHttpPort}`, `--kvConfigPath=${home.path}/kvConfig.json`],
      cwd: WORKSPACE_ROOT,
      env: { HOME: home.path },
    });
    await namesrv.waitForPort(namesrvPort, { timeoutMs: BOOT_TIMEOUT_MS, reason: `name server on ${namesrvAddr}` });
    const settings = [`--namesrvAddr=${namesrvAddr}`, `--listenPort=${brokerPort}`, `--httpPort=${brokerHttpPort}`, '--brokerIP1=127.0.0.1', '--bindAddress=127.0.0.1'];
    const broker = spawnProcess({
      name: 'broker',
      command: BROKER_BIN,
      args: [...settings, `--brokerName=${brokerName}`, `--storePathRootDir=${home.path}/store`],
      cwd: WORKSPACE_ROOT,
      env: { HOME: home.path },
    });
    await broker.waitForOutput(/boot success/, { timeoutMs: BOOT_TIMEOUT_MS, reason: `broker on 127.0.0.1:${brokerPort}` });
    return { namesrvAddr, brokerAddr: `127.0.0.1:${brokerPort}`, brokerName, namesrv, broker, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
