import { AUTO_CREATE_TOPIC_KEY_TOPIC, compareMessageQueues, type MessageQueue, PERM_READ_WRITE } from '@rocketmq-ts/model';
import {
  CreateTopicRequestHeader,
  DeleteTopicFromNamesrvRequestHeader,
  DeleteTopicRequestHeader,
  GetRouteInfoRequestHeader,
  RequestCode,
  ResponseCode,
  TopicList,
  TopicRouteData,
  type TopicOffset,
} from '@rocketmq-ts/protocol';

import { NoRouteError } from '../errors';
import { MASTER_ID } from '../route/topic-publish-info';
import { type AdminTransport, expectSuccess, successBody } from './admin-transport';
import { brokerTopicStats } from './broker-queries';
import { type BrokerTarget, masterAddrsOfCluster, targetAddrs } from './cluster-queries';

export async function topicList(transport: AdminTransport): Promise<string[]> {
  const { addr, response } = await transport.namesrv({ code: RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER });
  return [...TopicList.decode(successBody(addr, response)).topicList].sort();
}

/** The name server's route; NoRouteError when it knows no such topic. */
export async function topicRoute(transport: AdminTransport, topic: string): Promise<TopicRouteData> {
  const { addr, response } = await transport.namesrv({
    code: RequestCode.GET_ROUTEINFO_BY_TOPIC,
    extFields: GetRouteInfoRequestHeader.encode({ topic }),
  });
  if (response.code === ResponseCode.TOPIC_NOT_EXIST)
    throw new NoRouteError(topic, { responseCode: response.code, remark: response.remark });
  return TopicRouteData.decode(successBody(addr, response));
}

export interface RouteBroker {
  readonly brokerName: string;
  /** The master, else the lowest-id slave (Java's BrokerData.selectBrokerAddr, minus the randomness). */
  readonly addr: string;
}

/** One reachable address per broker group of a route, sorted by broker name. */
export function routeBrokers(route: TopicRouteData): RouteBroker[] {
  const brokers: RouteBroker[] = [];
  for (const data of route.brokerDatas) {
    const addr = data.brokerAddrs.get(MASTER_ID) ?? [...data.brokerAddrs].sort(([left], [right]) => left - right)[0]?.[1];
    if (addr !== undefined) brokers.push({ brokerName: data.brokerName, addr });
  }
  return brokers.sort((left, right) => (left.brokerName < right.brokerName ? -1 : left.brokerName > right.brokerName ? 1 : 0));
}

export interface TopicQueueStatus extends TopicOffset {
  readonly queue: MessageQueue;
}

export interface TopicStatus {
  readonly queues: readonly TopicQueueStatus[];
  readonly topicPutTps: number;
}

/** topicStatus: min/max offset and last store time of every queue, from each broker of the route. */
export async function topicStatus(transport: AdminTransport, topic: string): Promise<TopicStatus> {
  const brokers = routeBrokers(await topicRoute(transport, topic));
  const tables = await Promise.all(brokers.map(({ addr }) => brokerTopicStats(transport, addr, topic)));
  const queues = tables.flatMap((table) => table.offsetTable.map(([queue, offset]) => ({ queue, ...offset })));
  queues.sort((left, right) => compareMessageQueues(left.queue, right.queue));
  return { queues, topicPutTps: tables.reduce((sum, table) => sum + table.topicPutTps, 0) };
}

export interface TopicSettings {
  readonly topic: string;
  /** Default 8, as mqadmin updateTopic. */
  readonly readQueueNums?: number;
  readonly writeQueueNums?: number;
  /** Default 6 (read + write). */
  readonly perm?: number;
  readonly order?: boolean;
  /** 5.x `+key=value,-key`. */
  readonly attributes?: string;
}

/** updateTopic: UPDATE_AND_CREATE_TOPIC on one broker or every master of a cluster; returns the addresses written. */
export async function createOrUpdateTopic(transport: AdminTransport, settings: TopicSettings, target: BrokerTarget): Promise<string[]> {
  const addrs = await targetAddrs(transport, target);
  const extFields = CreateTopicRequestHeader.encode({
    topic: settings.topic,
    defaultTopic: AUTO_CREATE_TOPIC_KEY_TOPIC,
    readQueueNums: settings.readQueueNums ?? 8,
    writeQueueNums: settings.writeQueueNums ?? 8,
    perm: settings.perm ?? PERM_READ_WRITE,
    topicFilterType: 'SINGLE_TAG',
    order: settings.order ?? false,
    attributes: settings.attributes,
  });
  for (const addr of addrs) expectSuccess(addr, await transport.broker(addr, { code: RequestCode.UPDATE_AND_CREATE_TOPIC, extFields }));
  return addrs;
}

/**
 * deleteTopic: DELETE_TOPIC_IN_BROKER on every master of the cluster, then DELETE_TOPIC_IN_NAMESRV
 * on every name server (Java's DeleteTopicSubCommand order: brokers first, so the route does not
 * come back with the next registration).
 */
export async function deleteTopic(transport: AdminTransport, topic: string, clusterName: string): Promise<string[]> {
  const addrs = await masterAddrsOfCluster(transport, clusterName);
  for (const addr of addrs)
    expectSuccess(
      addr,
      await transport.broker(addr, { code: RequestCode.DELETE_TOPIC_IN_BROKER, extFields: DeleteTopicRequestHeader.encode({ topic }) }),
    );
  const answers = await transport.everyNamesrv({
    code: RequestCode.DELETE_TOPIC_IN_NAMESRV,
    extFields: DeleteTopicFromNamesrvRequestHeader.encode({ topic, clusterName }),
  });
  for (const { addr, response } of answers) expectSuccess(addr, response);
  return addrs;
}
