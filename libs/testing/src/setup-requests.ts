import { buildPullSysFlag, decodeMessageRecords, type MessageRecordView, PermName } from '@rocketmq-ts/model';
import {
  ClusterInfo,
  CreateTopicRequestHeader,
  createRequest,
  createSubscriptionGroupConfig,
  GetRouteInfoRequestHeader,
  GetTopicStatsInfoRequestHeader,
  PullMessageRequestHeader,
  RequestCode,
  ResponseCode,
  SubscriptionGroupConfig,
  type TopicOffset,
  TopicRouteData,
  TopicStatsTable,
  UpdateConsumerOffsetRequestHeader,
} from '@rocketmq-ts/protocol';

import { portOf } from './ports';
import { remotingRequest } from './remoting-request';
import { waitFor } from './wait-for';

// Plain admin requests over the bare test connection, to shape a cluster before a test and read
// what it stored, without depending on the client or admin code under test.

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

export interface TopicTarget {
  readonly brokerAddr: string;
  readonly brokerName: string;
  /** Every name server the broker registers with; each must route the topic before this returns. */
  readonly namesrvAddrs: readonly string[];
}

/**
 * UPDATE_AND_CREATE_TOPIC (read and write) on the broker, then waits until every name server routes
 * the topic to that broker with `queueNums` queues, so a producer finds it at once (our broker
 * registers a new topic at once; Apache's may take up to its next registration). `attributes` as
 * RocketMQ writes them, e.g. `+message.type=FIFO`.
 */
export async function createTopic(
  target: TopicTarget,
  topic: string,
  queueNums: number,
  options: { readonly attributes?: string } = {},
): Promise<void> {
  const extFields = CreateTopicRequestHeader.encode({
    topic,
    defaultTopic: 'TBW102',
    readQueueNums: queueNums,
    writeQueueNums: queueNums,
    perm: PermName.PERM_READ | PermName.PERM_WRITE,
    topicFilterType: 'SINGLE_TAG',
    order: false,
    ...(options.attributes === undefined ? {} : { attributes: options.attributes }),
  });
  await expectSuccess(target.brokerAddr, RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }, `create topic ${topic}`);
  const routeRequest = { extFields: GetRouteInfoRequestHeader.encode({ topic }) };
  for (const namesrvAddr of target.namesrvAddrs) {
    await waitFor(
      async () => {
        const route = await remotingRequest(portOf(namesrvAddr), createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, routeRequest));
        if (route.code !== ResponseCode.SUCCESS || route.body === undefined) return false;
        return TopicRouteData.decode(route.body).queueDatas.some(
          (queue) => queue.brokerName === target.brokerName && queue.readQueueNums === queueNums,
        );
      },
      { timeoutMs: 60_000, intervalMs: 200, reason: `route of ${topic} on ${namesrvAddr}` },
    );
  }
}

/** UPDATE_AND_CREATE_SUBSCRIPTIONGROUP with the defaults. */
export async function createGroup(brokerAddr: string, group: string): Promise<void> {
  await expectSuccess(
    brokerAddr,
    RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP,
    { body: SubscriptionGroupConfig.encode(createSubscriptionGroupConfig(group)) },
    `create group ${group}`,
  );
}

/** GET_TOPIC_STATS_INFO: min and max offset and last store time of every queue of `topic`, by queue id. */
export async function topicOffsets(brokerAddr: string, topic: string): Promise<Map<number, TopicOffset>> {
  const body = await expectSuccess(
    brokerAddr,
    RequestCode.GET_TOPIC_STATS_INFO,
    { extFields: GetTopicStatsInfoRequestHeader.encode({ topic }) },
    `stats of ${topic}`,
  );
  if (body === undefined) throw new Error(`stats of ${topic}: no body`);
  return new Map(TopicStatsTable.decode(body).offsetTable.map(([queue, offset]) => [queue.queueId, offset]));
}

/** Messages the broker holds for `topic`, summed over its queues. */
export async function storedMessageCount(brokerAddr: string, topic: string): Promise<number> {
  let count = 0;
  for (const offset of (await topicOffsets(brokerAddr, topic)).values()) count += offset.maxOffset - offset.minOffset;
  return count;
}

/** UPDATE_CONSUMER_OFFSET: commits `offset` for the group on one queue. */
export async function commitOffset(brokerAddr: string, group: string, topic: string, queueId: number, offset: number): Promise<void> {
  const extFields = UpdateConsumerOffsetRequestHeader.encode({ consumerGroup: group, topic, queueId, commitOffset: offset });
  await expectSuccess(brokerAddr, RequestCode.UPDATE_CONSUMER_OFFSET, { extFields }, `commit ${group} ${topic}:${queueId}`);
}

/** GET_BROKER_CLUSTER_INFO from a name server. */
export async function brokerClusterInfo(namesrvAddr: string): Promise<ClusterInfo> {
  const body = await expectSuccess(namesrvAddr, RequestCode.GET_BROKER_CLUSTER_INFO, {}, `cluster info from ${namesrvAddr}`);
  if (body === undefined) throw new Error(`cluster info from ${namesrvAddr}: no body`);
  return ClusterInfo.decode(body);
}

/** Polls GET_BROKER_CLUSTER_INFO until `brokerName` has `brokerAddr` as master (id 0). */
export async function waitForMaster(namesrvAddr: string, brokerName: string, brokerAddr: string): Promise<void> {
  await waitFor(async () => (await brokerClusterInfo(namesrvAddr)).brokerAddrTable.get(brokerName)?.brokerAddrs.get(0) === brokerAddr, {
    timeoutMs: 90_000,
    intervalMs: 500,
    reason: `${brokerName} (${brokerAddr}) registered on ${namesrvAddr}`,
  });
}

/** One PULL_MESSAGE of up to 32 records from `offset`, without long polling; [] when there are none. */
export async function pullRecords(
  brokerAddr: string,
  topic: string,
  queueId: number,
  offset: number,
  group = 'e2e_inspector',
): Promise<MessageRecordView[]> {
  const header: PullMessageRequestHeader = {
    consumerGroup: group,
    topic,
    queueId,
    queueOffset: offset,
    maxMsgNums: 32,
    commitOffset: 0,
    suspendTimeoutMillis: 0,
    sysFlag: buildPullSysFlag({ commitOffset: false, suspend: false, subscription: true }),
    subscription: '*',
    subVersion: 0n,
  };
  const response = await remotingRequest(
    portOf(brokerAddr),
    createRequest(RequestCode.PULL_MESSAGE, { extFields: PullMessageRequestHeader.encode(header) }),
  );
  if (response.code !== ResponseCode.SUCCESS || response.body === undefined) return [];
  return decodeMessageRecords(response.body);
}
