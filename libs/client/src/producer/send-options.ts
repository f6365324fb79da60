import { javaStringHashCode, type MessageQueue } from '@rocketmq-ts/model';

import { MQClientError } from '../errors';
import type { TopicPublishInfo } from '../route/topic-publish-info';
import type { Message } from './message';

/**
 * Picks the queue of a message, e.g. by order id so that one order's messages stay in one queue
 * (Java's MessageQueueSelector). `queues` are the topic's writable master queues, in broker-name
 * then queue-id order; `arg` is SendOptions.selectorArg.
 */
export type MessageQueueSelector = (queues: readonly MessageQueue[], message: Message, arg: unknown) => MessageQueue;

/**
 * - SYNC: retriable broker codes and transport failures are retried on another broker,
 *   `retryTimesWhenSendFailed` times (Java's send(msg)).
 * - ASYNC: only transport failures (connect, write, timeout) are retried on another broker,
 *   `retryTimesWhenSendAsyncFailed` times; a broker's answer is final (Java's send(msg, callback)).
 *
 * Both return a promise: many sends may be in flight at once either way.
 */
export type CommunicationMode = 'SYNC' | 'ASYNC';

/**
 * Per-send options. With `queue`, `selector` or `shardingKey` the queue is fixed: the message is
 * sent once, never retried on another broker (as Java's send with a MessageQueue or selector), so
 * ordered messages never leave their queue.
 */
export interface SendOptions {
  /** Stops waiting: the promise rejects with MQAbortError (name 'AbortError', not retriable). */
  readonly signal?: AbortSignal;
  /** Budget of this send including retries; default ProducerOptions.sendMsgTimeoutMs. */
  readonly timeoutMs?: number;
  /** Default 'SYNC'. */
  readonly communicationMode?: CommunicationMode;
  /** Send to exactly this queue. */
  readonly queue?: MessageQueue;
  /** Choose the queue with a function of the message and `selectorArg`. */
  readonly selector?: MessageQueueSelector;
  readonly selectorArg?: unknown;
  /**
   * Ordering key: queue = |javaStringHashCode(key) % queueCount|, as Java's SelectMessageQueueByHash
   * with a String arg. Also sent as the __SHARDINGKEY property.
   */
  readonly shardingKey?: string;
}

/** Java's SelectMessageQueueByHash for a string argument. */
export function selectByShardingKey(queues: readonly MessageQueue[], shardingKey: string): MessageQueue {
  if (queues.length === 0) throw new MQClientError('no queue to select from', { retriable: true });
  return queues[Math.abs(javaStringHashCode(shardingKey) % queues.length)] as MessageQueue;
}

/** True when the options pin the queue, which rules out retries on another broker. */
export function isQueueFixed(options: SendOptions | undefined): boolean {
  return options?.queue !== undefined || options?.selector !== undefined || options?.shardingKey !== undefined;
}

/** The queue the options pin `message` to, checked against the route; undefined when not pinned. */
export function fixedQueue(info: TopicPublishInfo, message: Message, options: SendOptions | undefined): MessageQueue | undefined {
  if (!options || !isQueueFixed(options)) return undefined;
  let queue: MessageQueue | undefined;
  if (options.queue !== undefined) queue = options.queue;
  else if (options.selector !== undefined) queue = options.selector(info.queues, message, options.selectorArg);
  else queue = selectByShardingKey(info.queues, options.shardingKey as string);
  if (!queue || typeof queue.brokerName !== 'string' || !Number.isInteger(queue.queueId)) {
    throw new MQClientError(`the queue selector returned no message queue for ${info.topic}`, { retriable: false });
  }
  if (queue.topic !== info.topic)
    throw new MQClientError(`the selected queue belongs to ${queue.topic}, not ${info.topic}`, { retriable: false });
  if (!info.masters.has(queue.brokerName)) {
    throw new MQClientError(`the selected queue's broker ${queue.brokerName} has no master in the route of ${info.topic}`, {
      retriable: true,
    });
  }
  return queue;
}
