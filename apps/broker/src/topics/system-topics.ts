import {
  AUTO_CREATE_TOPIC_KEY_TOPIC,
  createTopicConfig,
  PermName,
  PERM_READ_WRITE,
  RMQ_SYS_BENCHMARK_TOPIC,
  RMQ_SYS_OFFSET_MOVED_EVENT,
  RMQ_SYS_SCHEDULE_TOPIC,
  RMQ_SYS_SELF_TEST_TOPIC,
  RMQ_SYS_TRANS_CHECK_MAX_TIME_TOPIC,
  RMQ_SYS_TRANS_HALF_TOPIC,
  RMQ_SYS_TRANS_OP_HALF_TOPIC,
  RMQ_SYS_WHEEL_TIMER_TOPIC,
  type TopicConfig,
} from '@rocketmq-ts/model';

export interface SystemTopicOptions {
  readonly brokerClusterName: string;
  readonly brokerName: string;
  readonly autoCreateTopicEnable: boolean;
  readonly defaultTopicQueueNums: number;
  /** Entries of messageDelayLevel: SCHEDULE_TOPIC_XXXX has one queue per level. */
  readonly delayLevelCount: number;
  /** timerWheelEnable: rmq_sys_wheel_timer (one queue) holds timer messages until their time. */
  readonly timerWheelEnable?: boolean;
  /** traceTopicEnable: the trace topic (msgTraceTopicName), one queue, as Java creates it. */
  readonly traceTopic?: string;
}

/** Read + write + inherit: a template SEND_MESSAGE may copy. */
const PERM_TEMPLATE = PERM_READ_WRITE | PermName.PERM_INHERIT;

/**
 * The topics a Java broker creates at start (TopicConfigManager's constructor): TBW102 only with
 * autoCreateTopicEnable; the cluster-name and broker-name topics, which let `mqadmin` and clients
 * route "to any broker of the cluster" / "to this broker"; and the internal ones.
 */
export function systemTopicConfigs(options: SystemTopicOptions): TopicConfig[] {
  const single = { readQueueNums: 1, writeQueueNums: 1 };
  const topics: TopicConfig[] = [
    createTopicConfig(RMQ_SYS_SELF_TEST_TOPIC, single),
    createTopicConfig(RMQ_SYS_BENCHMARK_TOPIC, { readQueueNums: 1024, writeQueueNums: 1024 }),
    createTopicConfig(options.brokerClusterName, { perm: PERM_TEMPLATE }),
    createTopicConfig(options.brokerName, { perm: PERM_TEMPLATE }),
    createTopicConfig(RMQ_SYS_OFFSET_MOVED_EVENT, single),
    createTopicConfig(RMQ_SYS_SCHEDULE_TOPIC, { readQueueNums: options.delayLevelCount, writeQueueNums: options.delayLevelCount }),
    createTopicConfig(`${options.brokerClusterName}_REPLY_TOPIC`, single),
    // Transactions (docs/transactions.md): one queue each, walked in order by the check-back.
    createTopicConfig(RMQ_SYS_TRANS_HALF_TOPIC, single),
    createTopicConfig(RMQ_SYS_TRANS_OP_HALF_TOPIC, single),
    createTopicConfig(RMQ_SYS_TRANS_CHECK_MAX_TIME_TOPIC, single),
  ];
  if (options.timerWheelEnable === true) topics.push(createTopicConfig(RMQ_SYS_WHEEL_TIMER_TOPIC, single));
  if (options.traceTopic !== undefined) topics.push(createTopicConfig(options.traceTopic, single));
  if (options.autoCreateTopicEnable) {
    const queues = { readQueueNums: options.defaultTopicQueueNums, writeQueueNums: options.defaultTopicQueueNums };
    topics.unshift(createTopicConfig(AUTO_CREATE_TOPIC_KEY_TOPIC, { ...queues, perm: PERM_TEMPLATE }));
  }
  return topics;
}
