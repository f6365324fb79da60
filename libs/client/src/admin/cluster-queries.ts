import { errorMessage } from '@rocketmq-ts/base';
import { ClusterInfo, KVTable, RequestCode } from '@rocketmq-ts/protocol';

import { MASTER_ID } from '../route/topic-publish-info';
import { MQAdminNotFoundError } from './admin-errors';
import { type AdminTransport, successBody } from './admin-transport';

/** One broker process as the name server lists it. */
export interface BrokerAddress {
  readonly cluster: string;
  readonly brokerName: string;
  /** 0 = master. */
  readonly brokerId: number;
  readonly addr: string;
}

/** A `clusterList` row: the broker plus what its runtime info says, or why it said nothing. */
export interface ClusterBrokerStatus extends BrokerAddress {
  readonly version: string;
  /** Messages put per second (first window of putTps). */
  readonly inTps: number;
  /** Messages delivered per second (first window of getTransferredTps). */
  readonly outTps: number;
  readonly pageCacheLockTimeMs: number;
  /** Hours since the oldest stored message; 0 when the store is empty. */
  readonly hoursOfMessages: number;
  /** commitLogDiskRatio: used fraction of the commit log's disk. */
  readonly diskRatio: number;
  readonly active: boolean;
  /** Set when the broker could not be asked (down, refusing): the other fields are zeros. */
  readonly error?: string;
}

/** From the first name server that answers, or from `namesrvAddr` only (a tool that watches each name server). */
export async function clusterInfo(transport: AdminTransport, namesrvAddr?: string): Promise<ClusterInfo> {
  const request = { code: RequestCode.GET_BROKER_CLUSTER_INFO };
  const { addr, response } =
    namesrvAddr === undefined
      ? await transport.namesrv(request)
      : { addr: namesrvAddr, response: await transport.at(namesrvAddr, request) };
  return ClusterInfo.decode(successBody(addr, response));
}

/** Every broker of every cluster (or of `clusterName`), sorted by cluster, broker name, id. */
export function brokersOf(info: ClusterInfo, clusterName?: string): BrokerAddress[] {
  const brokers: BrokerAddress[] = [];
  const clusters = [...info.clusterAddrTable.keys()].filter((name) => clusterName === undefined || name === clusterName).sort();
  for (const cluster of clusters) {
    for (const brokerName of [...(info.clusterAddrTable.get(cluster) ?? [])].sort()) {
      const data = info.brokerAddrTable.get(brokerName);
      if (data === undefined) continue;
      for (const [brokerId, addr] of [...data.brokerAddrs].sort(([left], [right]) => left - right))
        brokers.push({ cluster, brokerName, brokerId, addr });
    }
  }
  return brokers;
}

/** The master addresses of a cluster (Java's CommandUtil.fetchMasterAddrByClusterName). */
export async function masterAddrsOfCluster(transport: AdminTransport, clusterName: string): Promise<string[]> {
  const info = await clusterInfo(transport);
  if (!info.clusterAddrTable.has(clusterName))
    throw new MQAdminNotFoundError(`cluster ${clusterName} is not registered with the name server`);
  const masters = brokersOf(info, clusterName).filter((broker) => broker.brokerId === MASTER_ID);
  if (masters.length === 0) throw new MQAdminNotFoundError(`cluster ${clusterName} has no master broker`);
  return masters.map((broker) => broker.addr);
}

/** Where an admin write goes: one broker address, or every master of a cluster. */
export interface BrokerTarget {
  readonly brokerAddr?: string;
  readonly clusterName?: string;
}

export async function targetAddrs(transport: AdminTransport, target: BrokerTarget): Promise<string[]> {
  if (target.brokerAddr !== undefined) return [target.brokerAddr];
  if (target.clusterName !== undefined) return masterAddrsOfCluster(transport, target.clusterName);
  throw new MQAdminNotFoundError('name a broker address or a cluster');
}

export async function brokerRuntimeInfo(transport: AdminTransport, brokerAddr: string): Promise<ReadonlyMap<string, string>> {
  const response = await transport.broker(brokerAddr, { code: RequestCode.GET_BROKER_RUNTIME_INFO });
  return KVTable.decode(successBody(brokerAddr, response)).table;
}

/** clusterList: every broker with the runtime figures mqadmin prints; a dead broker gets a row with `error`. */
export async function clusterOverview(transport: AdminTransport, clusterName?: string, nowMs = Date.now()): Promise<ClusterBrokerStatus[]> {
  const info = await clusterInfo(transport);
  if (clusterName !== undefined && !info.clusterAddrTable.has(clusterName))
    throw new MQAdminNotFoundError(`cluster ${clusterName} is not registered with the name server`);
  return Promise.all(
    brokersOf(info, clusterName).map(async (broker) => {
      try {
        return statusOf(broker, await brokerRuntimeInfo(transport, broker.addr), nowMs);
      } catch (error) {
        const reason = errorMessage(error);
        return {
          ...broker,
          version: '',
          inTps: 0,
          outTps: 0,
          pageCacheLockTimeMs: 0,
          hoursOfMessages: 0,
          diskRatio: 0,
          active: false,
          error: reason,
        };
      }
    }),
  );
}

function statusOf(broker: BrokerAddress, table: ReadonlyMap<string, string>, nowMs: number): ClusterBrokerStatus {
  const earliest = numberOf(table.get('earliestMessageTimeStamp'));
  return {
    ...broker,
    version: table.get('brokerVersionDesc') ?? '',
    inTps: firstWindow(table.get('putTps')),
    outTps: firstWindow(table.get('getTransferredTps') ?? table.get('getTransferedTps')),
    pageCacheLockTimeMs: numberOf(table.get('pageCacheLockTimeMills')),
    hoursOfMessages: earliest > 0 ? (nowMs - earliest) / 3_600_000 : 0,
    diskRatio: numberOf(table.get('commitLogDiskRatio')),
    active: table.get('brokerActive') === 'true',
  };
}

/** TPS values are "10s 60s 600s" windows; mqadmin shows the first. */
function firstWindow(text: string | undefined): number {
  return numberOf(text?.trim().split(' ')[0]);
}

function numberOf(text: string | undefined): number {
  const value = Number(text);
  return text === undefined || text === '' || !Number.isFinite(value) ? 0 : value;
}
