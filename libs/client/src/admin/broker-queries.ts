import type { TopicConfig } from '@rocketmq-ts/model';
import {
  ConsumeStats,
  GetConsumeStatsRequestHeader,
  GetConsumerListByGroupRequestHeader,
  GetConsumerListByGroupResponseBody,
  GetEarliestMsgStoretimeResponseHeader,
  GetTopicStatsInfoRequestHeader,
  RequestCode,
  type SubscriptionGroupConfig,
  SubscriptionGroupWrapper,
  TopicConfigSerializeWrapper,
  TopicQueueRequestHeader,
  TopicStatsTable,
} from '@rocketmq-ts/protocol';

import { type AdminTransport, expectSuccess, successBody } from './admin-transport';

// One request to one broker each: what a tool that walks the brokers itself (the exporter) asks,
// and what the route-based queries (topicStatus, consumerProgress) ask of each broker they find.

/** GET_ALL_TOPIC_CONFIG: every topic the broker holds, by name. */
export async function brokerTopicConfigs(transport: AdminTransport, brokerAddr: string): Promise<ReadonlyMap<string, TopicConfig>> {
  const response = await transport.broker(brokerAddr, { code: RequestCode.GET_ALL_TOPIC_CONFIG });
  return TopicConfigSerializeWrapper.decode(successBody(brokerAddr, response)).topicConfigTable;
}

/** GET_TOPIC_STATS_INFO: min/max offset and last store time of each of the topic's queues on this broker. */
export async function brokerTopicStats(transport: AdminTransport, brokerAddr: string, topic: string): Promise<TopicStatsTable> {
  const response = await transport.broker(brokerAddr, {
    code: RequestCode.GET_TOPIC_STATS_INFO,
    extFields: GetTopicStatsInfoRequestHeader.encode({ topic }),
  });
  return TopicStatsTable.decode(successBody(brokerAddr, response));
}

/** GET_ALL_SUBSCRIPTIONGROUP_CONFIG: every group config the broker holds, by group name. */
export async function brokerSubscriptionGroups(
  transport: AdminTransport,
  brokerAddr: string,
): Promise<ReadonlyMap<string, SubscriptionGroupConfig>> {
  const response = await transport.broker(brokerAddr, { code: RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG });
  return SubscriptionGroupWrapper.decode(successBody(brokerAddr, response)).subscriptionGroupTable;
}

/** GET_CONSUME_STATS: the group's offsets on this broker, of one topic or (no topic) of all it consumes. */
export async function brokerConsumeStats(
  transport: AdminTransport,
  brokerAddr: string,
  group: string,
  topic?: string,
): Promise<ConsumeStats> {
  const response = await transport.broker(brokerAddr, {
    code: RequestCode.GET_CONSUME_STATS,
    extFields: GetConsumeStatsRequestHeader.encode({ consumerGroup: group, topic }),
  });
  return ConsumeStats.decode(successBody(brokerAddr, response));
}

/** GET_CONSUMER_LIST_BY_GROUP: client ids of the group's live members; a group with none is refused (MQBrokerError). */
export async function brokerConsumerIds(transport: AdminTransport, brokerAddr: string, group: string): Promise<readonly string[]> {
  const response = await transport.broker(brokerAddr, {
    code: RequestCode.GET_CONSUMER_LIST_BY_GROUP,
    extFields: GetConsumerListByGroupRequestHeader.encode({ consumerGroup: group }),
  });
  return GetConsumerListByGroupResponseBody.decode(successBody(brokerAddr, response)).consumerIdList;
}

/** GET_EARLIEST_MSG_STORETIME: store time (ms) of the first message the queue still holds. */
export async function earliestMsgStoreTime(transport: AdminTransport, brokerAddr: string, topic: string, queueId: number): Promise<number> {
  const response = await transport.broker(brokerAddr, {
    code: RequestCode.GET_EARLIEST_MSG_STORETIME,
    extFields: TopicQueueRequestHeader.encode({ topic, queueId }),
  });
  return GetEarliestMsgStoretimeResponseHeader.decode(expectSuccess(brokerAddr, response).extFields).timestamp;
}
