/**
 * Topic names with a meaning to the broker: system topics (never created by users, some never
 * sendable), and the per-consumer-group retry and dead-letter topics.
 */

/** The template topic SEND_MESSAGE auto-creates from when `autoCreateTopicEnable=true`. */
export const AUTO_CREATE_TOPIC_KEY_TOPIC = 'TBW102';
/** Delay-level messages wait here, one queue per level. */
export const RMQ_SYS_SCHEDULE_TOPIC = 'SCHEDULE_TOPIC_XXXX';
export const RMQ_SYS_SCHEDULE_TOPIC_V2 = 'SCHEDULE_TOPIC_XXXX_V2';
export const RMQ_SYS_BENCHMARK_TOPIC = 'BenchmarkTest';
/** Half (prepared) transactional messages. */
export const RMQ_SYS_TRANS_HALF_TOPIC = 'RMQ_SYS_TRANS_HALF_TOPIC';
/** Commit/rollback markers for half messages. */
export const RMQ_SYS_TRANS_OP_HALF_TOPIC = 'RMQ_SYS_TRANS_OP_HALF_TOPIC';
export const RMQ_SYS_TRANS_CHECK_MAX_TIME_TOPIC = 'TRANS_CHECK_MAX_TIME_TOPIC';
export const RMQ_SYS_TRACE_TOPIC = 'RMQ_SYS_TRACE_TOPIC';
export const RMQ_SYS_SELF_TEST_TOPIC = 'SELF_TEST_TOPIC';
export const RMQ_SYS_OFFSET_MOVED_EVENT = 'OFFSET_MOVED_EVENT';
/** Every topic starting with this is a system topic (timer wheel, pop revive logs, …). */
export const SYSTEM_TOPIC_PREFIX = 'rmq_sys_';
/** 5.x timer messages (arbitrary delay) wait here. */
export const RMQ_SYS_WHEEL_TIMER_TOPIC = `${SYSTEM_TOPIC_PREFIX}wheel_timer`;

export const RETRY_GROUP_TOPIC_PREFIX = '%RETRY%';
export const DLQ_GROUP_TOPIC_PREFIX = '%DLQ%';
/** Light message queues (5.x LMQ) dispatched from INNER_MULTI_DISPATCH. */
export const LMQ_PREFIX = '%LMQ%';

const SYSTEM_TOPICS: ReadonlySet<string> = new Set([
  AUTO_CREATE_TOPIC_KEY_TOPIC,
  RMQ_SYS_SCHEDULE_TOPIC,
  RMQ_SYS_SCHEDULE_TOPIC_V2,
  RMQ_SYS_BENCHMARK_TOPIC,
  RMQ_SYS_TRANS_HALF_TOPIC,
  RMQ_SYS_TRANS_OP_HALF_TOPIC,
  RMQ_SYS_TRANS_CHECK_MAX_TIME_TOPIC,
  RMQ_SYS_TRACE_TOPIC,
  RMQ_SYS_SELF_TEST_TOPIC,
  RMQ_SYS_OFFSET_MOVED_EVENT,
]);

/** Internal topics a producer may not send to (the broker answers NO_PERMISSION). */
const NOT_ALLOWED_SEND_TOPICS: ReadonlySet<string> = new Set([
  RMQ_SYS_SCHEDULE_TOPIC,
  RMQ_SYS_SCHEDULE_TOPIC_V2,
  RMQ_SYS_TRANS_HALF_TOPIC,
  RMQ_SYS_TRANS_OP_HALF_TOPIC,
  RMQ_SYS_TRANS_CHECK_MAX_TIME_TOPIC,
  RMQ_SYS_SELF_TEST_TOPIC,
  RMQ_SYS_OFFSET_MOVED_EVENT,
]);

export function isSystemTopic(topic: string): boolean {
  return SYSTEM_TOPICS.has(topic) || topic.startsWith(SYSTEM_TOPIC_PREFIX);
}

/** The fixed system topic names (TopicValidator's system topic set): GET_SYSTEM_TOPIC_LIST_FROM_BROKER / _FROM_NS. */
export function systemTopicNames(): string[] {
  return [...SYSTEM_TOPICS];
}

export function isNotAllowedSendTopic(topic: string): boolean {
  return NOT_ALLOWED_SEND_TOPICS.has(topic);
}

/** `%RETRY%<group>`: where a consumer group's failed messages go back for redelivery. */
export function retryTopicOf(consumerGroup: string): string {
  return RETRY_GROUP_TOPIC_PREFIX + consumerGroup;
}

/** `%DLQ%<group>`: where messages go after `maxReconsumeTimes` failed deliveries (one queue). */
export function dlqTopicOf(consumerGroup: string): string {
  return DLQ_GROUP_TOPIC_PREFIX + consumerGroup;
}

export function isRetryTopic(topic: string): boolean {
  return topic.startsWith(RETRY_GROUP_TOPIC_PREFIX);
}

export function isDlqTopic(topic: string): boolean {
  return topic.startsWith(DLQ_GROUP_TOPIC_PREFIX);
}

export function isLmqTopic(topic: string): boolean {
  return topic.startsWith(LMQ_PREFIX);
}

/** The consumer group a retry or DLQ topic belongs to, or undefined for other topics. */
export function consumerGroupOf(topic: string): string | undefined {
  if (isRetryTopic(topic)) return topic.slice(RETRY_GROUP_TOPIC_PREFIX.length);
  if (isDlqTopic(topic)) return topic.slice(DLQ_GROUP_TOPIC_PREFIX.length);
  return undefined;
}
