import type { ExtFields } from '../command/remoting-command';
import { optionalBoolean, optionalString, requireString } from './header-fields';

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
export interface TopicOnlyRequestHeader {
  readonly topic: string;
}

export const TopicOnlyRequestHeader = {
  encode(header: TopicOnlyRequestHeader): ExtFields {
    return { topic: header.topic };
  },
  decode(ext: ExtFields | undefined): TopicOnlyRequestHeader {
    return { topic: requireString(ext, 'topic', 'TopicRequestHeader') };
  },
};

export interface ViewBrokerStatsDataRequestHeader {
  readonly statsName: string;
  readonly statsKey: string;
}

export const ViewBrokerStatsDataRequestHeader = {
  encode(header: ViewBrokerStatsDataRequestHeader): ExtFields {
    return { statsName: header.statsName, statsKey: header.statsKey };
  },
  decode(ext: ExtFields | undefined): ViewBrokerStatsDataRequestHeader {
    const name = 'ViewBrokerStatsDataRequestHeader';
    return { statsName: requireString(ext, 'statsName', name), statsKey: requireString(ext, 'statsKey', name) };
  },
};

export interface GetConsumeStatsInBrokerHeader {
  readonly isOrder: boolean;
}

export const GetConsumeStatsInBrokerHeader = {
  encode(header: GetConsumeStatsInBrokerHeader): ExtFields {
    return { isOrder: String(header.isOrder) };
  },
  decode(ext: ExtFields | undefined): GetConsumeStatsInBrokerHeader {
    return { isOrder: optionalBoolean(ext, 'isOrder') ?? false };
  },
};

export interface QueryTopicsByConsumerRequestHeader {
  readonly group: string;
}

export const QueryTopicsByConsumerRequestHeader = {
  encode(header: QueryTopicsByConsumerRequestHeader): ExtFields {
    return { group: header.group };
  },
  decode(ext: ExtFields | undefined): QueryTopicsByConsumerRequestHeader {
    return { group: requireString(ext, 'group', 'QueryTopicsByConsumerRequestHeader') };
  },
};

export interface QueryConsumeTimeSpanRequestHeader {
  readonly topic: string;
  readonly group: string;
}

export const QueryConsumeTimeSpanRequestHeader = {
  encode(header: QueryConsumeTimeSpanRequestHeader): ExtFields {
    return { topic: header.topic, group: header.group };
  },
  decode(ext: ExtFields | undefined): QueryConsumeTimeSpanRequestHeader {
    const name = 'QueryConsumeTimeSpanRequestHeader';
    return { topic: requireString(ext, 'topic', name), group: requireString(ext, 'group', name) };
  },
};

export interface CloneGroupOffsetRequestHeader {
  readonly srcGroup: string;
  readonly destGroup: string;
  readonly topic?: string;
  readonly offline: boolean;
}

export const CloneGroupOffsetRequestHeader = {
  encode(header: CloneGroupOffsetRequestHeader): ExtFields {
    const ext: ExtFields = { srcGroup: header.srcGroup, destGroup: header.destGroup, offline: String(header.offline) };
    if (header.topic !== undefined) ext['topic'] = header.topic;
    return ext;
  },
  decode(ext: ExtFields | undefined): CloneGroupOffsetRequestHeader {
    const name = 'CloneGroupOffsetRequestHeader';
    const topic = optionalString(ext, 'topic');
    return {
      srcGroup: requireString(ext, 'srcGroup', name),
      destGroup: requireString(ext, 'destGroup', name),
      topic: topic === undefined || topic.trim() === '' ? undefined : topic,
      offline: optionalBoolean(ext, 'offline') ?? false,
    };
  },
};
