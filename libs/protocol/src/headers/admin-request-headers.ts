import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * Request headers of the broker's admin queries (docs/admin.md#request-codes), each a few string
 * fields. Java 5.x tools add RPC keys (lo, brokerName, namespace) that are ignored here.
 *
 *   GET_TOPIC_CONFIG (351), QUERY_TOPIC_CONSUME_BY_WHO (300):  topic  string  required
 *   VIEW_BROKER_STATS_DATA (315):   statsName, statsKey  string  required
 *   GET_BROKER_CONSUME_STATS (317): isOrder  boolean  optional (false)
 *   QUERY_TOPICS_BY_CONSUMER (343): group  string  required
 *   QUERY_CONSUME_TIME_SPAN (303):  topic, group  string  required
 *   CLONE_GROUP_OFFSET (314):       srcGroup, destGroup  string  required; topic  string  optional
 *                                   (blank = every topic srcGroup committed for); offline  boolean
 */
const TOPIC_ONLY_REQUEST_FIELDS = {
  topic: field.string(),
};

export type TopicOnlyRequestHeader = HeaderOf<typeof TOPIC_ONLY_REQUEST_FIELDS>;

export const TopicOnlyRequestHeader = headerCodec('TopicRequestHeader', TOPIC_ONLY_REQUEST_FIELDS);

const VIEW_BROKER_STATS_DATA_REQUEST_FIELDS = {
  statsName: field.string(),
  statsKey: field.string(),
};

export type ViewBrokerStatsDataRequestHeader = HeaderOf<typeof VIEW_BROKER_STATS_DATA_REQUEST_FIELDS>;

export const ViewBrokerStatsDataRequestHeader = headerCodec('ViewBrokerStatsDataRequestHeader', VIEW_BROKER_STATS_DATA_REQUEST_FIELDS);

const GET_CONSUME_STATS_IN_BROKER_FIELDS = {
  isOrder: field.boolean().default(false),
};

export type GetConsumeStatsInBrokerHeader = HeaderOf<typeof GET_CONSUME_STATS_IN_BROKER_FIELDS>;

export const GetConsumeStatsInBrokerHeader = headerCodec('GetConsumeStatsInBrokerHeader', GET_CONSUME_STATS_IN_BROKER_FIELDS);

const QUERY_TOPICS_BY_CONSUMER_REQUEST_FIELDS = {
  group: field.string(),
};

export type QueryTopicsByConsumerRequestHeader = HeaderOf<typeof QUERY_TOPICS_BY_CONSUMER_REQUEST_FIELDS>;

export const QueryTopicsByConsumerRequestHeader = headerCodec(
  'QueryTopicsByConsumerRequestHeader',
  QUERY_TOPICS_BY_CONSUMER_REQUEST_FIELDS,
);

const QUERY_CONSUME_TIME_SPAN_REQUEST_FIELDS = {
  topic: field.string(),
  group: field.string(),
};

export type QueryConsumeTimeSpanRequestHeader = HeaderOf<typeof QUERY_CONSUME_TIME_SPAN_REQUEST_FIELDS>;

export const QueryConsumeTimeSpanRequestHeader = headerCodec('QueryConsumeTimeSpanRequestHeader', QUERY_CONSUME_TIME_SPAN_REQUEST_FIELDS);

const CLONE_GROUP_OFFSET_REQUEST_FIELDS = {
  srcGroup: field.string(),
  destGroup: field.string(),
  topic: field.string().optional().absentWhen('blank'),
  offline: field.boolean().default(false),
};

export type CloneGroupOffsetRequestHeader = HeaderOf<typeof CLONE_GROUP_OFFSET_REQUEST_FIELDS>;

export const CloneGroupOffsetRequestHeader = headerCodec('CloneGroupOffsetRequestHeader', CLONE_GROUP_OFFSET_REQUEST_FIELDS);
