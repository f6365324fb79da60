import { PermName } from '@rocketmq-ts/model';
import {
  CreateTopicRequestHeader,
  createRequest,
  createSubscriptionGroupConfig,
  RequestCode,
  ResponseCode,
  SubscriptionGroupConfig,
  TopicStatsTable,
  UpdateConsumerOffsetRequestHeader,
  GetRouteInfoRequestHeader,
  GetTopicStatsInfoRequestHeader,
} from '@rocketmq-ts/protocol';
import { BROKER_BIN, createTempDir, freePort, type ManagedProcess, NAMESRV_BIN, remotingRequest, spawnProcess, type TempDir, waitFor, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

// A real name server and broker as child processes (bin/mqnamesrv, bin/mqbroker), and the few
// admin requests the exporter specs need to shape them, sent with the bare test connection so
// they do not depend on the exporter's own admin client.

const BOOT_TIMEOUT_MS = 90_000;
export const CLUSTER_NAME = 'DefaultCluster';

export interface LocalCluster {
  readonly namesrvAddr: string;
  readonly brokerAddr: string;
  readonly brokerName: string;
  readonly broker: ManagedProcess;
  readonly dirs: readonly TempDir[];
}

function portOf(address: string): number {
  return Number(address.slice(address.lastIndexOf(':') + 1));
}

/** Starts a name server on `namesrvPort` (a free one by default). */
export async function startNamesrv(namesrvPort?: number): Promise<{ namesrvAddr: string; process: ManagedProcess; dir: TempDir }> {
  const port = namesrvPort ?? (await freePort());
  const dir = createTempDir('exporter-spec-namesrv');
  const process = spawnProcess({
    name: `namesrv-${port}`,
    command: NAMESRV_BIN,
    args: [`--listenPort=${port}`, `--httpPort=${await freePort()}`, `--kvConfigPath=${dir.path}/kvConfig.json`],
    cwd: WORKSPACE_ROOT,
    env: { HOME: dir.path },
  });
  await process.waitForPort(port, { timeoutMs: BOOT_TIMEOUT_MS, reason: `name server on ${port}` });
  return { namesrvAddr: `127.0.0.1:${port}`, process, dir };
}

export async function startLocalCluster(brokerName: string): Promise<LocalCluster> {
  const namesrv = await startNamesrv();
  const brokerPort = await freePort();
  const store = createTempDir('exporter-spec-store');
  const settings: Record<string, string> = {
    namesrvAddr: namesrv.namesrvAddr,
    listenPort: String(brokerPort),
    httpPort: String(await freePort()),
    brokerIP1: '127.0.0.1',
    bindAddress: '127.0.0.1',
    brokerClusterName: CLUSTER_NAME,
    brokerName,
    storePathRootDir: store.path,
  };
  const broker = spawnProcess({ name: 'broker', command: BROKER_BIN, args: Object.entries(settings).map(([key, value]) => `--${key}=${value}`), cwd: WORKSPACE_ROOT, env: { HOME: store.path } });
  await broker.waitForOutput(/boot success/, { timeoutMs: BOOT_TIMEOUT_MS, reason: `broker on 127.0.0.1:${brokerPort}` });
  return { namesrvAddr: namesrv.namesrvAddr, brokerAddr: `127.0.0.1:${brokerPort}`, brokerName, broker, dirs: [namesrv.dir, store] };
}

async function expectSuccess(address: string, code: number, options: Parameters<typeof createRequest>[1], what: string): Promise<Buffer | undefined> {
  const response = await remotingRequest(portOf(address), createRequest(code, options));
  if (response.code !== ResponseCode.SUCCESS) throw new Error(`${what}: code ${response.code} ${response.remark ?? ''}`);
  return response.body;
}

/** Creates the topic on the broker and waits until the name server routes it, so a producer finds it. */
export async function createTopic(cluster: Pick<LocalCluster, 'brokerAddr' | 'namesrvAddr'>, topic: string, queueNums: number): Promise<void> {
  const { brokerAddr, namesrvAddr } = cluster;
  const extFields = CreateTopicRequestHeader.encode({
    topic,
    defaultTopic: 'TBW102',
    readQueueNums: queueNums,
    writeQueueNums: queueNums,
    perm: PermName.PERM_READ | PermName.PERM_WRITE,
    topicFilterType: 'SINGLE_TAG',
    order: false,
  });
  await expectSuccess(brokerAddr, RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }, `create topic ${topic}`);
  const routeRequest = { extFields: GetRouteInfoRequestHeader.encode({ topic }) };
  await waitFor(async () => (await remotingRequest(portOf(namesrvAddr), createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, routeRequest))).code === ResponseCode.SUCCESS, {
    timeoutMs: 30_000,
    intervalMs: 200,
    reason: `route of ${topic} on ${namesrvAddr}`,
  });
}

export async function createGroup(brokerAddr: string, group: string): Promise<void> {
  await expectSuccess(brokerAddr, RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, { body: SubscriptionGroupConfig.encode(createSubscriptionGroupConfig(group)) }, `create group ${group}`);
}

/** Max offset of every queue of `topic`, by queue id. */
export async function maxOffsets(brokerAddr: string, topic: string): Promise<Map<number, number>> {
  const body = await expectSuccess(brokerAddr, RequestCode.GET_TOPIC_STATS_INFO, { extFields: GetTopicStatsInfoRequestHeader.encode({ topic }) }, `stats of ${topic}`);
  if (body === undefined) throw new Error(`stats of ${topic}: no body`);
  return new Map(TopicStatsTable.decode(body).offsetTable.map(([queue, offset]) => [queue.queueId, offset.maxOffset]));
}

export async function commitOffset(brokerAddr: string, group: string, topic: string, queueId: number, commitOffsetValue: number): Promise<void> {
  const extFields = UpdateConsumerOffsetRequestHeader.encode({ consumerGroup: group, topic, queueId, commitOffset: commitOffsetValue });
  await expectSuccess(brokerAddr, RequestCode.UPDATE_CONSUMER_OFFSET, { extFields }, `commit ${group} ${topic}:${queueId}`);
}
