// A cluster as a user's tools see it: `bin/mqadmin` (clusterList, updateTopic) and the admin
// requests behind them, for suites that start the cluster some other way than setup-requests
// (launcher-e2e through `npm start`, compose-e2e through `docker compose`).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { createRequest, GetTopicStatsInfoRequestHeader, KVTable, RequestCode, ResponseCode, TopicStatsTable } from '@rocketmq-ts/protocol';

import { portOf } from './ports';
import { remotingRequest } from './remoting-request';
import { waitFor } from './wait-for';
import { WORKSPACE_ROOT } from './workspace-paths';

const run = promisify(execFile);

export interface ClusterListBroker {
  readonly brokerName: string;
  readonly brokerId: number;
  readonly addr: string;
}

/** `bin/mqadmin clusterList --json -n <addr>`, as a user runs it. */
export async function clusterList(namesrvAddr: string): Promise<ClusterListBroker[]> {
  const { stdout } = await run(join(WORKSPACE_ROOT, 'bin', 'mqadmin'), ['clusterList', '--json', '-n', namesrvAddr], {
    cwd: WORKSPACE_ROOT,
    timeout: 60_000,
  });
  return (JSON.parse(stdout) as { brokers: ClusterListBroker[] }).brokers;
}

/** clusterList as `{ group: [ids] }`, ids sorted. */
export async function groupsOf(namesrvAddr: string): Promise<Record<string, number[]>> {
  const groups: Record<string, number[]> = {};
  for (const broker of await clusterList(namesrvAddr)) (groups[broker.brokerName] ??= []).push(broker.brokerId);
  for (const ids of Object.values(groups)) ids.sort();
  return groups;
}

/** `bin/mqadmin updateTopic` on every master of the cluster. */
export async function updateTopicOnCluster(namesrvAddr: string, topic: string): Promise<void> {
  await run(
    join(WORKSPACE_ROOT, 'bin', 'mqadmin'),
    ['updateTopic', '-n', namesrvAddr, '-c', 'DefaultCluster', '-t', topic, '-r', '4', '-w', '4'],
    { cwd: WORKSPACE_ROOT, timeout: 60_000 },
  );
}

/**
 * Waits until the broker at `address` knows `topic`. A slave learns topics from its master every
 * slaveSynchronizeIntervalMillis (10 s); one that never learnt a topic refuses pulls of it, so a
 * failover test kills a master only after its slave knows the topic.
 */
export async function waitForTopicOn(address: string, topic: string): Promise<void> {
  await waitFor(async () => (await topicStats(address, topic)) !== undefined, {
    timeoutMs: 60_000,
    intervalMs: 500,
    reason: `${address} knows topic ${topic}`,
  });
}

/** GET_TOPIC_STATS_INFO on one broker; undefined when it does not know the topic. */
async function topicStats(address: string, topic: string): Promise<TopicStatsTable | undefined> {
  const request = createRequest(RequestCode.GET_TOPIC_STATS_INFO, { extFields: GetTopicStatsInfoRequestHeader.encode({ topic }) });
  const response = await remotingRequest(portOf(address), request, { timeoutMs: 5_000 });
  return response.code === ResponseCode.SUCCESS && response.body !== undefined ? TopicStatsTable.decode(response.body) : undefined;
}

/**
 * Messages `topic` holds on the given brokers (one per group): a consumer that stops after N
 * messages must wait for all of them, acknowledged or not (a send answered with an error or
 * timed out may still have been stored).
 */
export async function messagesIn(addresses: readonly string[], topic: string): Promise<number> {
  let total = 0;
  for (const address of addresses) {
    const stats = await topicStats(address, topic);
    if (stats === undefined) throw new Error(`${address} does not know topic ${topic}`);
    for (const [, offsets] of stats.offsetTable) total += offsets.maxOffset - offsets.minOffset;
  }
  return total;
}

/** GET_BROKER_RUNTIME_INFO: the broker's commit-log max offset (bytes written). */
export async function commitLogMaxOffset(address: string): Promise<number> {
  const response = await remotingRequest(portOf(address), createRequest(RequestCode.GET_BROKER_RUNTIME_INFO), { timeoutMs: 5_000 });
  return Number(KVTable.decode(response.body ?? Buffer.alloc(0)).table.get('commitLogMaxOffset') ?? -1);
}
