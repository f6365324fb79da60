import type { TopicConfig } from '@rocketmq-ts/model';

/**
 * What the consumer side (pull, offsets, send-back, locks, pop, the retry rule) needs of the
 * broker's topic, group and client tables, as narrow ports (docs/architecture.md#folders-one-concept-each).
 * Abstract classes, so Nest can use them as tokens; the consumer-side providers bind them to the
 * managers, specs to small fakes.
 */

/** The parts of a SubscriptionGroupConfig these processors read. */
export interface GroupSettings {
  readonly groupName: string;
  readonly consumeEnable: boolean;
  readonly consumeBroadcastEnable: boolean;
  /** Retries before DLQ when the client does not say (header version < 121); Java default 16. */
  readonly retryMaxTimes: number;
  /** Queues of `%RETRY%<group>`; ≤ 0 means failed messages are dropped. */
  readonly retryQueueNums: number;
  /** The replica the group reads from when it keeps up (0, the master). */
  readonly brokerId?: number;
  /** The replica it reads from when its reads are cold (1, the first slave). */
  readonly whichBrokerWhenConsumeSlowly?: number;
}

export abstract class SubscriptionGroups {
  /** The group's config, auto-created when the broker allows it; undefined when unknown. */
  abstract findSubscriptionGroup(group: string): GroupSettings | undefined;
}

/** One subscription a consumer registered by HEART_BEAT. */
export interface ConsumerSubscription {
  readonly topic: string;
  /** `*`, `TagA || TagB`, or SQL92 text. */
  readonly subString: string;
  /** `TAG` (also when absent) or `SQL92`. */
  readonly expressionType: string;
  readonly tagsSet: readonly string[];
  /** Java String.hashCode of each tag. */
  readonly codeSet: readonly number[];
  readonly subVersion: bigint;
}

export interface ConsumerGroupView {
  readonly messageModel: 'CLUSTERING' | 'BROADCASTING';
  findSubscription(topic: string): ConsumerSubscription | undefined;
}

export abstract class ConsumerSubscriptions {
  /** The group's registered consumers (from heartbeats), undefined when none is connected. */
  abstract findConsumerGroup(group: string): ConsumerGroupView | undefined;
}

/** What creating a retry or DLQ topic needs. */
export interface ConsumerTopicSpec {
  readonly queueNums: number;
  readonly perm: number;
  readonly topicSysFlag: number;
}

/**
 * The topic table as the consumer-side processors see it; TopicConfigManager satisfies it (the
 * module binds it with useExisting).
 */
export abstract class TopicConfigs {
  abstract selectTopicConfig(topic: string): TopicConfig | undefined;
  /** `%RETRY%` / `%DLQ%` topics: created with `spec` unless present, then registered. */
  abstract createTopicInSendMessageBackMethod(topic: string, spec: ConsumerTopicSpec): TopicConfig;
}
