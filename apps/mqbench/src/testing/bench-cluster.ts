import { createRequest, GetTopicStatsInfoRequestHeader, RequestCode, ResponseCode, TopicStatsTable } from '@rocketmq-ts/protocol';
import { BROKER_BIN, createTempDir, freePort, type ManagedProcess, NAMESRV_BIN, processes, remotingRequest, spawnProcess, type TempDir, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

// A real name server and broker (bin/mqnamesrv, bin/mqbroker) for the wire specs. The client lib
// has the same helper (libs/client/src/testing/cluster.ts), but an app may not import a lib's
// private files, and it lives there rather than in @rocketmq-ts/testing.

const BOOT_TIMEOUT_MS = 90_000;
export const MQBENCH_BIN = `${WORKSPACE_ROOT}/bin/mqbench`;

export interface BenchCluster {
  readonly namesrvAddr: string;
  readonly brokerPort: number;
  stop(): Promise<void>;
}

export async function startBenchCluster(): Promise<BenchCluster> {
  const dirs: TempDir[] = [];
  const stopAll = async (): Promise<void> => {
    await processes.stopAll({ graceMs: 10_000 });
    for (const dir of dirs) dir.remove();
  };
  try {
    const [namesrvPort, namesrvHttpPort, brokerPort, brokerHttpPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const home = createTempDir('mqbench-spec');
    dirs.push(home);
    const namesrv: ManagedProcess = spawnProcess({
      name: 'namesrv',
      command: NAMESRV_BIN,
      args: [`--listenPort=${namesrvPort}`, `--httpPort=${namesrvHttpPort}`, `--kvConfigPath=${home.path}/kvConfig.json`],
      cwd: WORKSPACE_ROOT,
      env: { HOME: home.path },
    });
    const namesrvAddr = `127.0.0.1:${namesrvPort}`;
    await namesrv.waitForPort(namesrvPort, { timeoutMs: BOOT_TIMEOUT_MS, reason: `name server on ${namesrvAddr}` });
    const broker = spawnProcess({
      name: 'broker',
      command: BROKER_BIN,
      args: [
        `--namesrvAddr=${namesrvAddr}`,
        `--listenPort=${brokerPort}`,
        `--httpPort=${brokerHttpPort}`,
        '--brokerIP1=127.0.0.1',
        '--bindAddress=127.0.0.1',
        '--brokerName=mqbench-spec-broker',
        `--storePathRootDir=${home.path}/store`,
        '--flushDiskType=ASYNC_FLUSH',
      ],
      cwd: WORKSPACE_ROOT,
      env: { HOME: home.path },
    });
    await broker.waitForOutput(/boot success/, { timeoutMs: BOOT_TIMEOUT_MS, reason: `broker on 127.0.0.1:${brokerPort}` });
    return { namesrvAddr, brokerPort, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Messages the broker holds for `topic`, summed over its queues (GET_TOPIC_STATS_INFO). */
export async function storedMessages(brokerPort: number, topic: string): Promise<number> {
  const request = createRequest(RequestCode.GET_TOPIC_STATS_INFO, { extFields: GetTopicStatsInfoRequestHeader.encode({ topic }) });
  const response = await remotingRequest(brokerPort, request);
  if (response.code !== ResponseCode.SUCCESS || !response.body) throw new Error(`GET_TOPIC_STATS_INFO ${topic}: code ${response.code} ${response.remark ?? ''}`);
  return TopicStatsTable.decode(response.body).offsetTable.reduce((sum, [, offsets]) => sum + offsets.maxOffset - offsets.minOffset, 0);
}
