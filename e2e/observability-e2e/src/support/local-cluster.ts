import { PermName } from '@rocketmq-ts/model';
import {
  CreateTopicRequestHeader,
  createRequest,
  createSubscriptionGroupConfig,
  GetRouteInfoRequestHeader,
  GetTopicStatsInfoRequestHeader,
  RequestCode,
  ResponseCode,
  SubscriptionGroupConfig,
  TopicStatsTable,
  UpdateConsumerOffsetRequestHeader,
} from '@rocketmq-ts/protocol';
import {
  BROKER_BIN,
  createTempDir,
  freePorts,
  type ManagedProcess,
  NAMESRV_BIN,
  portOf,
  remotingRequest,
  spawnProcess,
  type TempDir,
  waitFor,
  WORKSPACE_ROOT,
} from '@rocketmq-ts/testing';

// namesrv, a broker group (SYNC_MASTER and its SLAVE, so replication metrics exist) and the exporter
// as child processes from bin/, each with its HTTP /metrics port, and the plain admin requests the
// suite uses to shape topics, groups and offsets.
// (apps/exporter's specs hold a near copy; both belong in libs/testing once its owner takes them.)

const BOOT_TIMEOUT_MS = 90_000;
export const CLUSTER_NAME = 'ObservabilityCluster';

export interface ObservedCluster {
  readonly namesrvAddr: string;
  readonly namesrvHttp: string;
  /** The master (brokerId 0, SYNC_MASTER). */
  readonly brokerAddr: string;
  readonly brokerHttp: string;
  /** The master's HA address, as the slave's lag series name it. */
  readonly brokerHaAddr: string;
  /** The slave (brokerId 1, slaveReadEnable). */
  readonly slaveAddr: string;
  readonly slaveHttp: string;
  readonly brokerName: string;
  readonly exporterHttp: string;
  readonly dirs: readonly TempDir[];
}

function spawnBroker(name: string, settings: Readonly<Record<string, string>>, home: TempDir): ManagedProcess {
  return spawnProcess({
    name,
    command: BROKER_BIN,
    args: Object.entries(settings).map(([key, value]) => `--${key}=${value}`),
    cwd: WORKSPACE_ROOT,
    env: { HOME: home.path },
  });
}

export async function startObservedCluster(brokerName: string, collectIntervalMillis: number): Promise<ObservedCluster> {
  const [namesrvPort, namesrvHttpPort, brokerPort, brokerHaPort, brokerHttpPort, slavePort, slaveHaPort, slaveHttpPort, exporterHttpPort] =
    (await freePorts(9)) as [number, number, number, number, number, number, number, number, number];
  const namesrvHome = createTempDir('observability-e2e-namesrv');
  const store = createTempDir('observability-e2e-store');
  const slaveStore = createTempDir('observability-e2e-slave-store');
  const namesrv = spawnProcess({
    name: 'namesrv',
    command: NAMESRV_BIN,
    args: [
      `--listenPort=${namesrvPort}`,
      `--httpPort=${namesrvHttpPort}`,
      '--bindAddress=127.0.0.1',
      `--kvConfigPath=${namesrvHome.path}/kvConfig.json`,
    ],
    cwd: WORKSPACE_ROOT,
    env: { HOME: namesrvHome.path },
  });
  await namesrv.waitForPort(namesrvPort, { timeoutMs: BOOT_TIMEOUT_MS, reason: 'name server' });
  const namesrvAddr = `127.0.0.1:${namesrvPort}`;
  const common = {
    namesrvAddr,
    brokerIP1: '127.0.0.1',
    bindAddress: '127.0.0.1',
    brokerClusterName: CLUSTER_NAME,
    brokerName,
    slaveReadEnable: 'true',
  };
  const master = spawnBroker(
    'broker-master',
    {
      ...common,
      brokerRole: 'SYNC_MASTER',
      brokerId: '0',
      listenPort: String(brokerPort),
      haListenPort: String(brokerHaPort),
      httpPort: String(brokerHttpPort),
      storePathRootDir: store.path,
    },
    store,
  );
  await master.waitForOutput(/boot success/, { timeoutMs: BOOT_TIMEOUT_MS, reason: 'master broker' });
  const slave = spawnBroker(
    'broker-slave',
    // The first metadata sync runs when the name server names the master; later ones every second, so topics and groups
    // made by the suite reach the slave soon.
    {
      ...common,
      brokerRole: 'SLAVE',
      brokerId: '1',
      listenPort: String(slavePort),
      haListenPort: String(slaveHaPort),
      httpPort: String(slaveHttpPort),
      storePathRootDir: slaveStore.path,
      slaveSynchronizeIntervalMillis: '1000',
    },
    slaveStore,
  );
  await slave.waitForOutput(/boot success/, { timeoutMs: BOOT_TIMEOUT_MS, reason: 'slave broker' });
  // SYNC_MASTER answers SLAVE_NOT_AVAILABLE until its slave's first offset report: wait for it before any send.
  await master.waitForOutput(/"msg":"HA slave connected"/, { timeoutMs: 30_000, reason: 'slave attached to the master' });
  const exporter = spawnProcess({
    name: 'exporter',
    command: `${WORKSPACE_ROOT}/bin/mqexporter`,
    args: [
      `--namesrvAddr=${namesrvAddr}`,
      `--httpPort=${exporterHttpPort}`,
      '--bindAddress=127.0.0.1',
      `--collectIntervalMillis=${collectIntervalMillis}`,
    ],
    cwd: WORKSPACE_ROOT,
  });
  await exporter.waitForOutput(/boot success/, { timeoutMs: BOOT_TIMEOUT_MS, reason: 'exporter' });
  return {
    namesrvAddr,
    namesrvHttp: `127.0.0.1:${namesrvHttpPort}`,
    brokerAddr: `127.0.0.1:${brokerPort}`,
    brokerHttp: `127.0.0.1:${brokerHttpPort}`,
    brokerHaAddr: `127.0.0.1:${brokerHaPort}`,
    slaveAddr: `127.0.0.1:${slavePort}`,
    slaveHttp: `127.0.0.1:${slaveHttpPort}`,
    brokerName,
    exporterHttp: `127.0.0.1:${exporterHttpPort}`,
    dirs: [namesrvHome, store, slaveStore],
  };
}

async function expectSuccess(
  address: string,
  code: number,
  options: Parameters<typeof createRequest>[1],
  what: string,
): Promise<Buffer | undefined> {
  const response = await remotingRequest(portOf(address), createRequest(code, options));
  if (response.code !== ResponseCode.SUCCESS) throw new Error(`${what}: code ${response.code} ${response.remark ?? ''}`);
  return response.body;
}

/** Creates the topic on the broker and waits until the name server routes it. */
export async function createTopic(cluster: ObservedCluster, topic: string, queueNums: number): Promise<void> {
  const extFields = CreateTopicRequestHeader.encode({
    topic,
    defaultTopic: 'TBW102',
    readQueueNums: queueNums,
    writeQueueNums: queueNums,
    perm: PermName.PERM_READ | PermName.PERM_WRITE,
    topicFilterType: 'SINGLE_TAG',
    order: false,
  });
  await expectSuccess(cluster.brokerAddr, RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }, `create topic ${topic}`);
  const route = { extFields: GetRouteInfoRequestHeader.encode({ topic }) };
  await waitFor(
    async () =>
      (await remotingRequest(portOf(cluster.namesrvAddr), createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, route))).code ===
      ResponseCode.SUCCESS,
    {
      timeoutMs: 30_000,
      intervalMs: 200,
      reason: `route of ${topic}`,
    },
  );
}

export async function createGroup(brokerAddr: string, group: string): Promise<void> {
  await expectSuccess(
    brokerAddr,
    RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP,
    { body: SubscriptionGroupConfig.encode(createSubscriptionGroupConfig(group)) },
    `create group ${group}`,
  );
}

export async function maxOffsets(brokerAddr: string, topic: string): Promise<Map<number, number>> {
  const body = await expectSuccess(
    brokerAddr,
    RequestCode.GET_TOPIC_STATS_INFO,
    { extFields: GetTopicStatsInfoRequestHeader.encode({ topic }) },
    `stats of ${topic}`,
  );
  if (body === undefined) throw new Error(`stats of ${topic}: no body`);
  return new Map(TopicStatsTable.decode(body).offsetTable.map(([queue, offset]) => [queue.queueId, offset.maxOffset]));
}

export async function commitOffset(brokerAddr: string, group: string, topic: string, queueId: number, offset: number): Promise<void> {
  const extFields = UpdateConsumerOffsetRequestHeader.encode({ consumerGroup: group, topic, queueId, commitOffset: offset });
  await expectSuccess(brokerAddr, RequestCode.UPDATE_CONSUMER_OFFSET, { extFields }, `commit ${group} ${topic}:${queueId}`);
}
