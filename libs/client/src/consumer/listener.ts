import type { MessageQueue } from '@rocketmq-ts/model';

import type { MessageExt } from './message-ext';

/** What a concurrent listener may answer; nothing (or 'SUCCESS') means consumed. */
export type ConsumeConcurrentlyStatus = 'SUCCESS' | 'CONSUME_SUCCESS' | 'RECONSUME_LATER';
/** What an orderly listener may answer; nothing (or 'SUCCESS') means consumed. */
export type ConsumeOrderlyStatus = 'SUCCESS' | 'SUSPEND_CURRENT_QUEUE_A_MOMENT';

export interface ConsumeConcurrentlyContext {
  readonly messageQueue: MessageQueue;
  /**
   * Java's delayLevelWhenNextConsume for a retried message: 0 lets the broker pick
   * (3 + reconsumeTimes), a level 1..18 picks one, -1 sends it straight to the DLQ.
   */
  delayLevelWhenNextConsume: number;
}

export interface ConsumeOrderlyContext {
  readonly messageQueue: MessageQueue;
  /** How long the queue pauses after SUSPEND_CURRENT_QUEUE_A_MOMENT; starts at the consumer's setting. */
  suspendCurrentQueueTimeMillis: number;
}

/** Throwing, or returning 'RECONSUME_LATER', retries the message later through `%RETRY%<group>`. */
export type ConcurrentListener = (
  message: MessageExt,
  context: ConsumeConcurrentlyContext,
) => Promise<ConsumeConcurrentlyStatus | void> | ConsumeConcurrentlyStatus | void;
/** Throwing counts as SUSPEND_CURRENT_QUEUE_A_MOMENT, as in Java. */
export type OrderlyListener = (
  message: MessageExt,
  context: ConsumeOrderlyContext,
) => Promise<ConsumeOrderlyStatus | void> | ConsumeOrderlyStatus | void;
