import { RETRY_GROUP_TOPIC_PREFIX } from '@rocketmq-ts/model';

import { HeaderError } from './header-error';
import { parseInt32, parseLong } from './header-fields';

/**
 * The receipt handle of a popped message (RocketMQ's `extraInfo`, property POP_CK), space-separated
 * (docs/grpc-and-pop.md#receipt-handles):
 *
 *   ckQueueOffset popTime invisibleTime reviveQid retry brokerName queueId [queueOffset]
 *
 * `ckQueueOffset` is the first queue offset of the popped batch: with popTime it names the
 * checkpoint. `retry` says which topic the message sits in: 0 the subscribed topic, 1 the pop retry
 * topic `%RETRY%<group>_<topic>`, 2 its v2 spelling `%RETRY%<group>+<topic>`. reviveQid 999 marks a
 * FIFO pop. The handle is "expired" once popTime + invisibleTime has passed.
 */
export interface PopExtraInfo {
  readonly ckQueueOffset: number;
  readonly popTime: number;
  readonly invisibleTime: number;
  readonly reviveQid: number;
  readonly retry: PopRetryFlag;
  readonly brokerName: string;
  readonly queueId: number;
  readonly queueOffset: number | undefined;
}

export type PopRetryFlag = '0' | '1' | '2';

/** reviveQid of FIFO pops: their state lives in the order table, not in a revive queue. */
export const POP_ORDER_REVIVE_QUEUE = 999;

const NAME = 'extraInfo';
const SEPARATOR = ' ';

/** `%RETRY%<group>_<topic>`: where un-acked popped messages of `topic` come back for `group`. */
export function popRetryTopicV1(topic: string, group: string): string {
  return `${RETRY_GROUP_TOPIC_PREFIX}${group}_${topic}`;
}

export function popRetryTopicV2(topic: string, group: string): string {
  return `${RETRY_GROUP_TOPIC_PREFIX}${group}+${topic}`;
}

/** The handle's retry flag for a stored topic. */
export function popRetryFlagOf(storedTopic: string): PopRetryFlag {
  if (!storedTopic.startsWith(RETRY_GROUP_TOPIC_PREFIX)) return '0';
  return storedTopic.includes('+') ? '2' : '1';
}

/** The topic the message is stored in, from the subscribed topic and the handle's flag. */
export function popStoredTopicOf(topic: string, group: string, retry: PopRetryFlag): string {
  if (retry === '1') return popRetryTopicV1(topic, group);
  if (retry === '2') return popRetryTopicV2(topic, group);
  return topic;
}

export const PopExtraInfo = {
  encode(info: PopExtraInfo): string {
    const parts = [info.ckQueueOffset, info.popTime, info.invisibleTime, info.reviveQid, info.retry, info.brokerName, info.queueId];
    if (info.queueOffset !== undefined) parts.push(info.queueOffset);
    return parts.join(SEPARATOR);
  },

  /** Throws HeaderError naming the broken part; the broker answers it, never closes for it. */
  decode(text: string): PopExtraInfo {
    const parts = text.split(SEPARATOR);
    if (parts.length < 7) throw new HeaderError(NAME, 'extraInfo', `expected at least 7 space-separated parts, got ${parts.length}`);
    const retry = parts[4];
    if (retry !== '0' && retry !== '1' && retry !== '2')
      throw new HeaderError(NAME, 'retry', `expected 0, 1 or 2, got ${JSON.stringify(retry)}`);
    const part = (index: number): string => parts[index] ?? '';
    return {
      ckQueueOffset: parseLong(part(0), 'ckQueueOffset', NAME),
      popTime: parseLong(part(1), 'popTime', NAME),
      invisibleTime: parseLong(part(2), 'invisibleTime', NAME),
      reviveQid: parseInt32(part(3), 'reviveQid', NAME),
      retry,
      brokerName: part(5),
      queueId: parseInt32(part(6), 'queueId', NAME),
      queueOffset: parts.length > 7 ? parseLong(part(7), 'queueOffset', NAME) : undefined,
    };
  },
};

/** One queue's entry of the pop response's startOffsetInfo / msgOffsetInfo / orderCountInfo. */
export interface PopQueueInfo {
  readonly storedTopic: string;
  readonly queueId: number;
  readonly startOffset: number;
  readonly offsets: readonly number[];
  /** FIFO: how many times this batch has been delivered before. */
  readonly orderCount?: number;
}

/** The three `;`-joined pop response strings for the queues a pop took messages from. */
export function popOffsetInfo(queues: readonly PopQueueInfo[]): {
  startOffsetInfo: string;
  msgOffsetInfo: string;
  orderCountInfo: string | undefined;
} {
  const start = queues.map((q) => [popRetryFlagOf(q.storedTopic), q.queueId, q.startOffset].join(SEPARATOR));
  const offsets = queues.map((q) => [popRetryFlagOf(q.storedTopic), q.queueId, q.offsets.join(',')].join(SEPARATOR));
  const counted = queues.filter((q) => q.orderCount !== undefined);
  const order = counted.map((q) => [popRetryFlagOf(q.storedTopic), q.queueId, q.orderCount].join(SEPARATOR));
  return {
    startOffsetInfo: start.join(';'),
    msgOffsetInfo: offsets.join(';'),
    orderCountInfo: counted.length === 0 ? undefined : order.join(';'),
  };
}

/**
 * Reads startOffsetInfo or orderCountInfo back: `<retry>@<queueId>` → the number (start offset, or
 * FIFO delivery count), the keys Java's ExtraInfoUtil uses. Empty for an absent string.
 */
export function parsePopQueueNumbers(text: string | undefined): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const part of (text ?? '').split(';')) {
    const [retry, queueId, value] = part.split(SEPARATOR);
    if (retry !== undefined && queueId !== undefined && value !== undefined) numbers.set(`${retry}@${queueId}`, Number(value));
  }
  return numbers;
}
