import type { Logger } from '@rocketmq-ts/base';

import { Semaphore } from '../../core/semaphore';
import type { TimerSet } from '../../core/timer-set';
import type { MessageModel } from '../consumer-options';
import type { ConsumeOrderlyContext, OrderlyListener } from '../listener';
import type { MessageExt } from '../message-ext';
import type { OffsetStore } from '../offset-store/offset-store';
import type { ProcessQueue } from '../process-queue';
import { DELAY_LEVEL_DLQ } from '../broker-api/send-back-api';
import type { ConsumeService, SendBack } from './consume-service';

/** Java's REBALANCE_LOCK_MAX_LIVE_TIME: a lock older than this may already be someone else's. */
export const LOCK_MAX_LIVE_MS = 30_000;
/** Java retries a lost lock after 100 ms, then pauses 3 s between attempts that fail. */
const RELOCK_DELAY_MS = 100;
const RELOCK_FAILED_DELAY_MS = 3_000;

export interface ConsumeOrderlyOptions {
  readonly listener: OrderlyListener;
  readonly consumeThreadMax: number;
  readonly messageModel: MessageModel;
  readonly maxReconsumeTimes: number;
  readonly suspendCurrentQueueTimeMillis: number;
  readonly offsetStore: OffsetStore;
  readonly sendBack: SendBack;
  /** LOCK_BATCH_MQ for one queue; true when this client holds it now. */
  readonly lock: (queue: ProcessQueue) => Promise<boolean>;
  readonly timers: TimerSet;
  readonly logger: Logger;
  readonly nowMs?: () => number;
}

/**
 * Java's ConsumeMessageOrderlyService with a batch of one: per queue, one message at a time in
 * offset order, and in clustering only while this client holds the queue's broker lock. A
 * suspended message is redelivered here after a pause (with its reconsume count raised) until
 * `maxReconsumeTimes`; then it goes to the DLQ and the queue moves on.
 */
export class ConsumeOrderlyService implements ConsumeService {
  private readonly slots: Semaphore;
  private stopped = false;
  private readonly nowMs: () => number;

  constructor(private readonly options: ConsumeOrderlyOptions) {
    this.slots = new Semaphore(options.consumeThreadMax);
    this.nowMs = options.nowMs ?? Date.now;
  }

  submit(queue: ProcessQueue): void {
    if (queue.consuming || this.stopped) return;
    queue.consuming = true;
    void this.drain(queue).finally(() => {
      queue.consuming = false;
    });
  }

  stop(): void {
    this.stopped = true;
  }

  idle(timeoutMs: number): Promise<boolean> {
    return this.slots.idle(timeoutMs);
  }

  /** Consumes `queue` until it is empty, dropped, unlocked or suspended. Never rejects. */
  private async drain(queue: ProcessQueue): Promise<void> {
    while (!this.stopped && !queue.dropped) {
      if (this.options.messageModel === 'CLUSTERING' && (!queue.locked || queue.lockExpired(this.nowMs(), LOCK_MAX_LIVE_MS))) {
        this.relockLater(queue, RELOCK_DELAY_MS);
        return;
      }
      const message = queue.head();
      if (message === undefined) return;
      const context: ConsumeOrderlyContext = {
        messageQueue: queue.queue,
        suspendCurrentQueueTimeMillis: this.options.suspendCurrentQueueTimeMillis,
      };
      await this.slots.acquire();
      let succeeded: boolean;
      try {
        if (this.stopped || queue.dropped) return;
        succeeded = (await this.options.listener(message, context)) !== 'SUSPEND_CURRENT_QUEUE_A_MOMENT';
      } catch (error) {
        this.options.logger.warn({ err: error, msgId: message.msgId, queue: queue.queue }, 'orderly listener threw; the queue pauses');
        succeeded = false;
      } finally {
        this.slots.release();
      }
      if (queue.dropped) return;
      if (!succeeded && !(await this.giveUp(message))) {
        queue.replace({ ...message, reconsumeTimes: message.reconsumeTimes + 1 });
        this.options.timers.after(context.suspendCurrentQueueTimeMillis, () => this.submit(queue));
        return;
      }
      const offset = queue.remove([message]);
      if (!queue.dropped) this.options.offsetStore.update(queue.queue, offset, false);
    }
  }

  /** True when a message out of retries went to the DLQ; broadcasting has none and keeps retrying. */
  private async giveUp(message: MessageExt): Promise<boolean> {
    if (this.options.messageModel === 'BROADCASTING' || message.reconsumeTimes < this.options.maxReconsumeTimes) return false;
    return this.options.sendBack(message, DELAY_LEVEL_DLQ);
  }

  private relockLater(queue: ProcessQueue, delayMs: number): void {
    this.options.timers.after(delayMs, () => {
      if (this.stopped || queue.dropped) return;
      void this.options.lock(queue).then(
        (locked) => (locked ? this.submit(queue) : this.relockLater(queue, RELOCK_FAILED_DELAY_MS)),
        () => this.relockLater(queue, RELOCK_FAILED_DELAY_MS),
      );
    });
  }
}
