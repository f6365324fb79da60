import { dlqTopicOf, PERM_READ_WRITE, retryTopicOf, TopicSysFlag } from '@rocketmq-ts/model';
import { MQVersion } from '@rocketmq-ts/protocol';

import type { ConsumerTopicSpec, GroupSettings } from '../consumer/consumer.ports';

/** Java's DLQ_NUMS_PER_GROUP: one dead-letter queue per group. */
export const DLQ_QUEUE_NUMS = 1;
/** Java's default first retry: level 3 (10 s), one level later per attempt. */
export const FIRST_RETRY_DELAY_LEVEL = 3;

/**
 * How many times a group's message is redelivered before it goes to the DLQ: the client's own
 * value from clients at V3_4_9 (121) or later that send one, else the group's retryMaxTimes.
 */
export function maxReconsumeTimesOf(requestVersion: number, clientMax: number | undefined, group: GroupSettings): number {
  return requestVersion >= MQVersion.V3_4_9 && clientMax !== undefined ? clientMax : group.retryMaxTimes;
}

/** The delay level of the next redelivery: the client's, or 3 + reconsumeTimes when it left it to us (0). */
export function retryDelayLevelOf(requestedLevel: number, reconsumeTimes: number): number {
  return requestedLevel > 0 ? requestedLevel : FIRST_RETRY_DELAY_LEVEL + reconsumeTimes;
}

export interface RetryDestination {
  readonly topic: string;
  readonly spec: ConsumerTopicSpec;
  readonly deadLetter: boolean;
}

export interface RetryAttempt {
  readonly reconsumeTimes: number;
  readonly maxReconsumeTimes: number;
  readonly requestedLevel: number;
  readonly unitMode: boolean;
}

/**
 * Where a failed message goes next (docs/remoting-protocol.md#requests-the-broker-serves): `%DLQ%<group>` (one queue, readable, so
 * operators can inspect and resend) once its retries are used up or the client asked for it with
 * a negative level; `%RETRY%<group>` with the group's retry queues otherwise.
 */
export function retryDestinationOf(
  group: GroupSettings,
  { reconsumeTimes, maxReconsumeTimes, requestedLevel, unitMode }: RetryAttempt,
): RetryDestination {
  const topicSysFlag = unitMode ? TopicSysFlag.UNIT_SUB : 0;
  if (reconsumeTimes >= maxReconsumeTimes || requestedLevel < 0) {
    return {
      topic: dlqTopicOf(group.groupName),
      spec: { queueNums: DLQ_QUEUE_NUMS, perm: PERM_READ_WRITE, topicSysFlag },
      deadLetter: true,
    };
  }
  return {
    topic: retryTopicOf(group.groupName),
    spec: { queueNums: group.retryQueueNums, perm: PERM_READ_WRITE, topicSysFlag },
    deadLetter: false,
  };
}
