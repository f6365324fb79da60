import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { createRequest, GetTopicStatsInfoRequestHeader, KVTable, RequestCode, ResponseCode, TopicStatsTable } from '@rocketmq-ts/protocol';
import { freeLauncherPortOffset, isAlive, type ManagedProcess, portOf, remotingRequest, startLauncher, suiteTempDir, waitFor, WORKSPACE_ROOT } from '@rocketmq-ts/testing';

export { isAlive } from '@rocketmq-ts/testing';

const run = promisify(execFile);
const BOOT_TIMEOUT_MS = 180_000;

/** `npm start` on shifted ports and a temp data dir, as a test drives it. */
export interface Launch {
  readonly process: ManagedProcess;
  readonly offset: number;
  readonly dataDir: string;
  /** `127.0.0.1:<port>` of the first and second name server (one in single mode). */
  readonly namesrvAddrs: readonly string[];
  /** The address of a process of the mode by name, e.g. broker-a-s. */
  address(name: string): string;
}

const LISTEN_PORTS: Readonly<Record<string, number>> = { 'namesrv-1': 9876, 'namesrv-2': 9877, 'broker-a': 10911, 'broker-a-s': 11011, 'broker-b': 10921, 'broker-b-s': 11021 };

export async function launch(mode: string, extraArgs: readonly string[] = []): Promise<Launch> {
  const offset = await freeLauncherPortOffset();
  const dataDir = suiteTempDir(`launcher-e2e-${mode}`).path;
  const child = startLauncher(mode, dataDir, offset, { args: extraArgs, maxLines: 20_000 });
  const address = (name: string): string => {
    const port = LISTEN_PORTS[name];
    if (port === undefined) throw new Error(`no process ${name} in the launcher's modes`);
    return `127.0.0.1:${port + offset}`;
  };
  const namesrvAddrs = mode === 'single' ? [address('namesrv-1')] : [address('namesrv-1'), address('namesrv-2')];
  return { process: child, offset, dataDir, namesrvAddrs, address };
}

export async function waitForReady(launched: Launch, pattern = /ready\. Ctrl-C stops everything/): Promise<void> {
  await launched.process.waitForOutput(pattern, { timeoutMs: BOOT_TIMEOUT_MS, reason: 'the launcher printed ready' });
}

/** The pid the launcher last reported for `name` ("<name> up: … pid N" or "<name> up again (…): … pid N"). */
export function pidOf(launched: Launch, name: string): number {
  const pattern = new RegExp(`${name} up(?: again \\([^)]*\\))?: .* pid (\\d+)`);
  const lines = launched.process.lines().filter((line) => pattern.test(line.text));
  const last = lines[lines.length - 1];
  if (last === undefined) throw new Error(`the launcher reported no pid for ${name}`);
  return Number(pattern.exec(last.text)?.[1]);
}


export async function waitUntilGone(pid: number, timeoutMs: number, what: string): Promise<void> {
  await waitFor(() => !isAlive(pid), { timeoutMs, intervalMs: 100, reason: what });
}

export interface ClusterListBroker {
  readonly brokerName: string;
  readonly brokerId: number;
  readonly addr: string;
}

/** `bin/mqadmin clusterList --json -n <addr>`, as a user runs it. */
export async function clusterList(namesrvAddr: string): Promise<ClusterListBroker[]> {
  const { stdout } = await run(join(WORKSPACE_ROOT, 'bin', 'mqadmin'), ['clusterList', '--json', '-n', namesrvAddr], { cwd: WORKSPACE_ROOT, timeout: 60_000 });
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
export async function createTopic(namesrvAddr: string, topic: string): Promise<void> {
  await run(join(WORKSPACE_ROOT, 'bin', 'mqadmin'), ['updateTopic', '-n', namesrvAddr, '-c', 'DefaultCluster', '-t', topic, '-r', '4', '-w', '4'], { cwd: WORKSPACE_ROOT, timeout: 60_000 });
}

/**
 * Waits until the broker at `address` knows `topic`. A slave learns topics from its master every
 * slaveSynchronizeIntervalMillis (10 s); one that never learnt a topic refuses pulls of it, so a
 * failover test kills a master only after its slave knows the topic.
 */
export async function waitForTopicOn(address: string, topic: string): Promise<void> {
  await waitFor(async () => (await topicStats(address, topic)) !== undefined, { timeoutMs: 60_000, intervalMs: 500, reason: `${address} knows topic ${topic}` });
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
