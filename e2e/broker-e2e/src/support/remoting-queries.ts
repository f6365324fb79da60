import {
  createRequest,
  GetConsumerListByGroupRequestHeader,
  GetConsumerListByGroupResponseBody,
  GetRouteInfoRequestHeader,
  OffsetResponseHeader,
  RequestCode,
  ResponseCode,
  TopicQueueRequestHeader,
  TopicRouteData,
} from '@rocketmq-ts/protocol';
import { remotingRequest } from '@rocketmq-ts/testing';

/** GET_ROUTEINFO_BY_TOPIC (105); undefined while the name server does not know the topic. */
export async function getTopicRoute(namesrvPort: number, topic: string): Promise<TopicRouteData | undefined> {
  const response = await remotingRequest(
    namesrvPort,
    createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: GetRouteInfoRequestHeader.encode({ topic }) }),
  );
  if (response.code === ResponseCode.TOPIC_NOT_EXIST) return undefined;
  if (response.code !== ResponseCode.SUCCESS || response.body === undefined)
    throw new Error(`route of ${topic}: code ${response.code} ${response.remark ?? ''}`);
  return TopicRouteData.decode(response.body);
}

/** GET_CONSUMER_LIST_BY_GROUP (38) from the broker: the client ids its heartbeats registered. */
export async function consumerIdsOf(brokerPort: number, group: string): Promise<readonly string[]> {
  const request = createRequest(RequestCode.GET_CONSUMER_LIST_BY_GROUP, {
    extFields: GetConsumerListByGroupRequestHeader.encode({ consumerGroup: group }),
  });
  const response = await remotingRequest(brokerPort, request);
  if (response.code !== ResponseCode.SUCCESS || response.body === undefined) return [];
  return GetConsumerListByGroupResponseBody.decode(response.body).consumerIdList;
}

/** GET_MAX_OFFSET (30): messages ever written to the queue. */
export async function maxOffsetOf(brokerPort: number, topic: string, queueId: number): Promise<number> {
  const response = await remotingRequest(
    brokerPort,
    createRequest(RequestCode.GET_MAX_OFFSET, { extFields: TopicQueueRequestHeader.encode({ topic, queueId }) }),
  );
  return response.code === ResponseCode.SUCCESS ? OffsetResponseHeader.decode(response.extFields).offset : 0;
}
