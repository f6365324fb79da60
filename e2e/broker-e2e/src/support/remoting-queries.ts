import { buildPullSysFlag, decodeMessageRecords, type MessageRecordView } from '@rocketmq-ts/model';
import {
  ClusterInfo,
  createRequest,
  GetConsumerListByGroupRequestHeader,
  GetConsumerListByGroupResponseBody,
  GetRouteInfoRequestHeader,
  OffsetResponseHeader,
  PullMessageRequestHeader,
  RequestCode,
  ResponseCode,
  TopicQueueRequestHeader,
  TopicRouteData,
} from '@rocketmq-ts/protocol';
import { remotingRequest } from '@rocketmq-ts/testing';

/** GET_BROKER_CLUSTER_INFO (106) from the name server. */
export async function getClusterInfo(namesrvPort: number): Promise<ClusterInfo> {
  const response = await remotingRequest(namesrvPort, createRequest(RequestCode.GET_BROKER_CLUSTER_INFO));
  if (response.code !== ResponseCode.SUCCESS || response.body === undefined) throw new Error(`cluster info: code ${response.code} ${response.remark ?? ''}`);
  return ClusterInfo.decode(response.body);
}

/** GET_ROUTEINFO_BY_TOPIC (105); undefined while the name server does not know the topic. */
export async function getTopicRoute(namesrvPort: number, topic: string): Promise<TopicRouteData | undefined> {
  const response = await remotingRequest(namesrvPort, createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: GetRouteInfoRequestHeader.encode({ topic }) }));
  if (response.code === ResponseCode.TOPIC_NOT_EXIST) return undefined;
  if (response.code !== ResponseCode.SUCCESS || response.body === undefined) throw new Error(`route of ${topic}: code ${response.code} ${response.remark ?? ''}`);
  return TopicRouteData.decode(response.body);
}

/** GET_CONSUMER_LIST_BY_GROUP (38) from the broker: the client ids its heartbeats registered. */
export async function consumerIdsOf(brokerPort: number, group: string): Promise<readonly string[]> {
  const request = createRequest(RequestCode.GET_CONSUMER_LIST_BY_GROUP, { extFields: GetConsumerListByGroupRequestHeader.encode({ consumerGroup: group }) });
  const response = await remotingRequest(brokerPort, request);
  if (response.code !== ResponseCode.SUCCESS || response.body === undefined) return [];
  return GetConsumerListByGroupResponseBody.decode(response.body).consumerIdList;
}

/** GET_MAX_OFFSET (30): messages ever written to the queue. */
export async function maxOffsetOf(brokerPort: number, topic: string, queueId: number): Promise<number> {
  const response = await remotingRequest(brokerPort, createRequest(RequestCode.GET_MAX_OFFSET, { extFields: TopicQueueRequestHeader.encode({ topic, queueId }) }));
  return response.code === ResponseCode.SUCCESS ? OffsetResponseHeader.decode(response.extFields).offset : 0;
}

/** One PULL_MESSAGE from `offset` with its own `*` subscription and no long polling. */
export async function pullRecords(brokerPort: number, group: string, topic: string, queueId: number, offset = 0): Promise<MessageRecordView[]> {
  const header: PullMessageRequestHeader = {
    consumerGroup: group, topic, queueId, queueOffset: offset, maxMsgNums: 32, commitOffset: 0, suspendTimeoutMillis: 0,
    sysFlag: buildPullSysFlag({ commitOffset: false, suspend: false, subscription: true }), subscription: '*', subVersion: 0n,
  };
  const response = await remotingRequest(brokerPort, createRequest(RequestCode.PULL_MESSAGE, { extFields: PullMessageRequestHeader.encode(header) }));
  if (response.code !== ResponseCode.SUCCESS || response.body === undefined) return [];
  return decodeMessageRecords(response.body);
}
