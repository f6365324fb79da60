import {
  clusterList,
  freePort,
  type ManagedProcess,
  spawnProcess,
  startApacheBroker,
  startLocalBroker,
  startLocalNamesrv,
  suiteTempDir,
  waitFor,
  JAVA_BIN,
} from '@rocketmq-ts/testing';

import type { ClusterAddresses } from './normalise';

export const CLUSTER = 'DefaultCluster';
export const BROKER_NAME = 'broker-a';

export interface AdminCluster extends ClusterAddresses {
  readonly kind: 'ours' | 'apache';
}

/** Our name server and broker (bin/mqnamesrv, bin/mqbroker) on free ports. */
export async function startOurCluster(): Promise<AdminCluster> {
  const namesrv = await startLocalNamesrv({ label: 'mqadmin-ours-namesrv', logFile: true });
  const broker = await startLocalBroker({
    label: 'mqadmin-ours-broker',
    namesrvAddr: namesrv.addr,
    brokerName: BROKER_NAME,
    logFile: true,
    settings: { brokerClusterName: CLUSTER },
  });
  return { kind: 'ours', namesrvAddr: namesrv.addr, brokerAddr: broker.addr };
}

/** Apache RocketMQ 5.3.3's name server and broker (tools/interop/java), the reference. */
export async function startApacheCluster(): Promise<AdminCluster> {
  const port = await freePort();
  const dir = suiteTempDir('mqadmin-apache-namesrv');
  const namesrv: ManagedProcess = spawnProcess({
    name: 'namesrv(apache)',
    command: `${JAVA_BIN}/run-namesrv.sh`,
    args: [String(port), dir.path],
    logFile: true,
  });
  await namesrv.waitForPort(port, { timeoutMs: 90_000, reason: `Apache name server on 127.0.0.1:${port}` });
  const namesrvAddr = `127.0.0.1:${port}`;
  // Timer wheel on: with it off, Apache 5.3.3 fails DELETE_TOPIC_IN_BROKER with a NullPointerException
  // (getTimerMessageStore() is null), so deleteTopic and deleteSubGroup could not be compared.
  const broker = await startApacheBroker({
    namesrvAddr,
    brokerName: BROKER_NAME,
    clusterName: CLUSTER,
    label: 'mqadmin-apache-broker',
    conf: { timerWheelEnable: 'true' },
  });
  return { kind: 'apache', namesrvAddr, brokerAddr: broker.addr };
}

/** Waits until the broker is in the name server's cluster table (a command run before would see no broker). */
export async function waitForRegistration(cluster: AdminCluster): Promise<void> {
  await waitFor(async () => (await clusterList(cluster.namesrvAddr)).some((broker) => broker.addr === cluster.brokerAddr), {
    timeoutMs: 60_000,
    intervalMs: 1_000,
    reason: `${cluster.kind} broker ${cluster.brokerAddr} registered`,
  });
}
