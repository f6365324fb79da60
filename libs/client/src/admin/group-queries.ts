import { compareMessageQueues, dlqTopicOf, type MessageQueue, retryTopicOf } from '@rocketmq-ts/model';
import {
  type ClientConnection,
  ConsumerConnection,
  DeleteSubscriptionGroupRequestHeader,
  GetConsumerConnectionListRequestHeader,
  GetProducerConnectionListRequestHeader,
  ProducerConnection,
  RequestCode,
  ResponseCode,
  SubscriptionGroupConfig,
  type SubscriptionData,
} from '@rocketmq-ts/protocol';

import { NoRouteError } from '../errors';
import { MASTER_ID } from '../route/topic-publish-info';
import { MQAdminNotFoundError } from './admin-errors';
import { type AdminTransport, expectSuccess, successBody } from './admin-transport';
import { brokerConsumeStats, brokerSubscriptionGroups } from './broker-queries';
import { type BrokerTarget, brokersOf, clusterInfo, targetAddrs } from './cluster-queries';
import { deleteTopic, type RouteBroker, routeBrokers, topicRoute } from './topic-queries';

export interface QueueProgress {
  readonly queue: MessageQueue;
  readonly brokerOffset: number;
  readonly consumerOffset: number;
  readonly pullOffset: number;
  /** brokerOffset − consumerOffset: messages stored but not yet committed. */
  readonly diff: number;
  /** pullOffset − consumerOffset: pulled, not yet committed. */
  readonly inflight: number;
  /** Store time of the last committed message, ms; 0 when none. */
  readonly lastTimestamp: number;
}

export interface ConsumerProgress {
  readonly group: string;
  readonly queues: readonly QueueProgress[];
  readonly consumeTps: number;
  readonly diffTotal: number;
  readonly inflightTotal: number;
}

/**
 * The brokers that know a group: those serving its %RETRY% topic (every consuming member creates
 * it), or with no such route every master, so a group that only committed offsets is found too.
 */
async function groupBrokers(transport: AdminTransport, group: string, topic?: string): Promise<RouteBroker[]> {
  try {
    return routeBrokers(await topicRoute(transport, topic ?? retryTopicOf(group)));
  } catch (error) {
    if (!(error instanceof NoRouteError) || topic !== undefined) throw error;
    return brokersOf(await clusterInfo(transport))
      .filter((broker) => broker.brokerId === MASTER_ID)
      .map(({ brokerName, addr }) => ({ brokerName, addr }));
  }
}

/** consumerProgress: GET_CONSUME_STATS from every broker of the group, lag per queue. */
export async function consumerProgress(transport: AdminTransport, group: string, topic?: string): Promise<ConsumerProgress> {
  const brokers = await groupBrokers(transport, group, topic);
  const stats = await Promise.all(brokers.map(({ addr }) => brokerConsumeStats(transport, addr, group, topic)));
  const queues: QueueProgress[] = stats.flatMap((one) =>
    one.offsetTable.map(([queue, offset]) => ({
      queue,
      brokerOffset: offset.brokerOffset,
      consumerOffset: offset.consumerOffset,
      pullOffset: offset.pullOffset,
      diff: offset.brokerOffset - offset.consumerOffset,
      inflight: Math.max(0, offset.pullOffset - offset.consumerOffset),
      lastTimestamp: offset.lastTimestamp,
    })),
  );
  if (queues.length === 0) {
    // Java's examineConsumeStats gives up the same way: nothing to show is "not found".
    throw new MQAdminNotFoundError(
      `no consume stats for group ${group}${topic === undefined ? '' : ` on topic ${topic}`}: it has no member online and no committed offset`,
      {
        responseCode: ResponseCode.CONSUMER_NOT_ONLINE,
      },
    );
  }
  queues.sort((left, right) => compareMessageQueues(left.queue, right.queue));
  return {
    group,
    queues,
    consumeTps: stats.reduce((sum, one) => sum + one.consumeTps, 0),
    diffTotal: queues.reduce((sum, queue) => sum + queue.diff, 0),
    inflightTotal: queues.reduce((sum, queue) => sum + queue.inflight, 0),
  };
}

/** consumerConnection: the group's members as every broker of the group sees them, merged by client id. */
export async function consumerConnection(transport: AdminTransport, group: string, brokerAddr?: string): Promise<ConsumerConnection> {
  const addrs = brokerAddr !== undefined ? [brokerAddr] : (await groupBrokers(transport, group)).map((broker) => broker.addr);
  const extFields = GetConsumerConnectionListRequestHeader.encode({ consumerGroup: group });
  const found: ConsumerConnection[] = [];
  for (const addr of addrs) {
    const response = await transport.broker(addr, { code: RequestCode.GET_CONSUMER_CONNECTION_LIST, extFields });
    if (response.code === ResponseCode.CONSUMER_NOT_ONLINE) continue;
    found.push(ConsumerConnection.decode(successBody(addr, response)));
  }
  const first = found[0];
  if (first === undefined)
    throw new MQAdminNotFoundError(`consumer group ${group} has no member online`, { responseCode: ResponseCode.CONSUMER_NOT_ONLINE });
  const subscriptionTable = new Map<string, SubscriptionData>();
  for (const one of found) for (const [topicName, sub] of one.subscriptionTable) subscriptionTable.set(topicName, sub);
  return { ...first, connectionSet: mergeConnections(found.map((one) => one.connectionSet)), subscriptionTable };
}

/** producerConnection: the group's producers as the brokers of `topic` see them. */
export async function producerConnection(transport: AdminTransport, group: string, topic: string): Promise<ProducerConnection> {
  const extFields = GetProducerConnectionListRequestHeader.encode({ producerGroup: group });
  const sets: Array<readonly ClientConnection[]> = [];
  for (const { addr } of routeBrokers(await topicRoute(transport, topic))) {
    const response = await transport.broker(addr, { code: RequestCode.GET_PRODUCER_CONNECTION_LIST, extFields });
    // Java brokers answer an unknown producer group with SYSTEM_ERROR "… not exist".
    if (response.code === ResponseCode.SYSTEM_ERROR && /not exist/.test(response.remark ?? '')) continue;
    sets.push(ProducerConnection.decode(successBody(addr, response)).connectionSet);
  }
  const connectionSet = mergeConnections(sets);
  if (connectionSet.length === 0)
    throw new MQAdminNotFoundError(`producer group ${group} has no producer connected to the brokers of ${topic}`);
  return { connectionSet };
}

function mergeConnections(sets: ReadonlyArray<readonly ClientConnection[]>): ClientConnection[] {
  const byClient = new Map<string, ClientConnection>();
  for (const set of sets)
    for (const connection of set) if (!byClient.has(connection.clientId)) byClient.set(connection.clientId, connection);
  return [...byClient.values()].sort((left, right) => (left.clientId < right.clientId ? -1 : left.clientId > right.clientId ? 1 : 0));
}

/** updateSubGroup: UPDATE_AND_CREATE_SUBSCRIPTIONGROUP on one broker or every master of a cluster. */
export async function updateSubscriptionGroup(
  transport: AdminTransport,
  config: SubscriptionGroupConfig,
  target: BrokerTarget,
): Promise<string[]> {
  const addrs = await targetAddrs(transport, target);
  const body = SubscriptionGroupConfig.encode(config);
  for (const addr of addrs)
    expectSuccess(addr, await transport.broker(addr, { code: RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, body }));
  return addrs;
}

/** A broker's config of one group (GET_ALL_SUBSCRIPTIONGROUP_CONFIG); undefined when it has none. */
export async function subscriptionGroupOf(
  transport: AdminTransport,
  brokerAddr: string,
  group: string,
): Promise<SubscriptionGroupConfig | undefined> {
  return (await brokerSubscriptionGroups(transport, brokerAddr)).get(group);
}

/**
 * deleteSubGroup: DELETE_SUBSCRIPTIONGROUP on the targets; for a whole cluster the group's
 * %RETRY% and %DLQ% topics go too, best effort, as Java's command does.
 */
export async function deleteSubscriptionGroup(
  transport: AdminTransport,
  group: string,
  target: BrokerTarget,
  cleanOffset: boolean,
): Promise<string[]> {
  const addrs = await targetAddrs(transport, target);
  const extFields = DeleteSubscriptionGroupRequestHeader.encode({ groupName: group, cleanOffset });
  for (const addr of addrs) expectSuccess(addr, await transport.broker(addr, { code: RequestCode.DELETE_SUBSCRIPTIONGROUP, extFields }));
  if (target.brokerAddr === undefined && target.clusterName !== undefined) {
    for (const topic of [retryTopicOf(group), dlqTopicOf(group)]) {
      await deleteTopic(transport, topic, target.clusterName).catch((error: unknown) =>
        transport.logger.warn({ err: error, topic }, 'group topic not deleted'),
      );
    }
  }
  return addrs;
}
