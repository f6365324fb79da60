import { freePort, freePortPair, type ManagedProcess, spawnProcess, suiteTempDir, waitFor } from '@rocketmq-ts/testing';

import { type BrokerData, getClusterInfo, getTopicRoute, type TopicRoute } from './namesrv-queries';
import { JAVA_BIN, namesrvUnderTest, OUR_NAMESRV_BIN, WORKSPACE_ROOT } from './paths';

export interface RunningNamesrv {
  port: number;
  address: string;
  process: ManagedProcess;
  kind: 'ours' | 'apache';
}

/** Temp dirs made for processes; removed after the suite file by `useProcessHygiene`. */
export const tempDir = suiteTempDir;

/** Our name server (`bin/mqnamesrv --listenPort=<free>`), or Apache's with INTEROP_NAMESRV=apache. */
export async function startNamesrv(): Promise<RunningNamesrv> {
  const kind = namesrvUnderTest();
  const port = await freePort();
  const home = tempDir('namesrv');
  const child =
    kind === 'ours'
      ? spawnProcess({
          name: 'namesrv(ours)',
          command: OUR_NAMESRV_BIN,
          args: [`--listenPort=${port}`],
          cwd: WORKSPACE_ROOT,
          env: { HOME: home.path },
          logFile: true,
        })
      : spawnProcess({
          name: 'namesrv(apache)',
          command: `${JAVA_BIN}/run-namesrv.sh`,
          args: [String(port), home.path],
          logFile: true,
        });
  await child.waitForPort(port, { timeoutMs: 90_000, reason: `${kind} name server listening on 127.0.0.1:${port}` });
  return { port, address: `127.0.0.1:${port}`, process: child, kind };
}

export interface RunningBroker {
  port: number;
  address: string;
  brokerName: string;
  clusterName: string;
  process: ManagedProcess;
}

/** A real Apache RocketMQ broker (5.3.3) registering to `namesrvAddress`. */
export async function startJavaBroker(namesrvAddress: string, names: { brokerName: string; clusterName: string }): Promise<RunningBroker> {
  const port = await freePortPair({ withVipPort: true });
  const work = tempDir('java-broker');
  const child = spawnProcess({
    name: `java-broker(${names.brokerName})`,
    command: `${JAVA_BIN}/run-broker.sh`,
    args: [namesrvAddress, String(port), work.path, names.brokerName, names.clusterName],
    logFile: true,
  });
  await child.waitForOutput(/boot success/, { timeoutMs: 120_000, reason: `Apache broker ${names.brokerName} booted on port ${port}` });
  return { port, address: `127.0.0.1:${port}`, process: child, ...names };
}

/** Polls GET_BROKER_CLUSTER_INFO until `broker` is listed as master of its cluster. */
export async function waitForBrokerInCluster(
  namesrvPort: number,
  broker: { brokerName: string; clusterName: string; address: string },
  timeoutMs = 90_000,
): Promise<BrokerData> {
  return waitFor(
    async () => {
      const info = await getClusterInfo(namesrvPort);
      const data = info.brokerAddrTable[broker.brokerName];
      if (!data) throw new Error(`brokerAddrTable has ${JSON.stringify(Object.keys(info.brokerAddrTable))}`);
      if (data.brokerAddrs['0'] !== broker.address) throw new Error(`brokerAddrs = ${JSON.stringify(data.brokerAddrs)}`);
      if (!(info.clusterAddrTable[broker.clusterName] ?? []).includes(broker.brokerName)) {
        throw new Error(`clusterAddrTable = ${JSON.stringify(info.clusterAddrTable)}`);
      }
      return data;
    },
    {
      timeoutMs,
      intervalMs: 500,
      reason: `broker ${broker.brokerName} (${broker.address}) in cluster ${broker.clusterName} on namesrv :${namesrvPort} (first registration comes ~10 s after boot)`,
    },
  );
}

/** Polls GET_ROUTEINFO_BY_TOPIC until `topic` has queue data on `brokerName`. */
export async function waitForTopicRoute(namesrvPort: number, topic: string, brokerName: string, timeoutMs = 60_000): Promise<TopicRoute> {
  return waitFor(
    async () => {
      const route = await getTopicRoute(namesrvPort, topic);
      if (!route.queueDatas.some((queue) => queue.brokerName === brokerName))
        throw new Error(`queueDatas = ${JSON.stringify(route.queueDatas)}`);
      return route;
    },
    { timeoutMs, intervalMs: 500, reason: `route of topic ${topic} on broker ${brokerName} from namesrv :${namesrvPort}` },
  );
}
