import { at, type Logger } from '@rocketmq-ts/base';

import type { TimerSet } from '../../core/timer-set';
import { Semaphore } from '../../core/semaphore';
import type { MessageModel } from '../consumer-options';
import type { ConcurrentListener, ConsumeConcurrentlyContext } from '../listener';
import type { MessageExt } from '../message-ext';
import type { OffsetStore } from '../offset-store/offset-store';
import type { ProcessQueue } from '../process-queue';
import type { ConsumeService, SendBack } from './consume-service';

export interface ConsumeConcurrentlyOptions {
  readonly listener: ConcurrentListener;
  readonly consumeThreadMax: number;
  readonly messageModel: MessageModel;
  readonly consumeLaterDelayMs: number;
  readonly offsetStore: OffsetStore;
  readonly sendBack: SendBack;
  readonly timers: TimerSet;
  readonly logger: Logger;
}

/**
 * Java's ConsumeMessageConcurrentlyService with a batch of one: up to `consumeThreadMax` listener
 * calls at once across all queues, in arrival order. A failure goes back to the broker (retry
 * topic, then DLQ); if that fails the message stays held and runs here again later. After each
 * message the queue's smallest unfinished offset becomes the offset to commit.
 */
export class ConsumeConcurrentlyService implements ConsumeService {
  private readonly slots: Semaphore;
  /** Waiting work as two parallel arrays read from `head`: no object per message. */
  private readonly waitingQueues: ProcessQueue[] = [];
  private readonly waitingMessages: MessageExt[] = [];
  private head = 0;
  private stopped = false;

  constructor(private readonly options: ConsumeConcurrentlyOptions) {
    this.slots = new Semaphore(options.consumeThreadMax);
  }

  submit(queue: ProcessQueue, messages: readonly MessageExt[]): void {
    for (const message of messages) {
      this.waitingQueues.push(queue);
      this.waitingMessages.push(message);
    }
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    this.waitingQueues.length = 0;
    this.waitingMessages.length = 0;
    this.head = 0;
  }

  idle(timeoutMs: number): Promise<boolean> {
    return this.slots.idle(timeoutMs);
  }

  private pump(): void {
    while (!this.stopped && this.head < this.waitingMessages.length && this.slots.tryAcquire()) {
      const queue = at(this.waitingQueues, this.head, 'waiting queues');
      const message = at(this.waitingMessages, this.head, 'waiting messages');
      this.head += 1;
      void this.consume(queue, message).finally(() => {
        this.slots.release();
        this.pump();
      });
    }
    if (this.head > 1024 && this.head * 2 > this.waitingMessages.length) {
      this.waitingQueues.splice(0, this.head);
      this.waitingMessages.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Never rejects: a listener's failure is a result, not an error of ours. */
  private async consume(queue: ProcessQueue, message: MessageExt): Promise<void> {
    if (queue.dropped) return;
    const context: ConsumeConcurrentlyContext = { messageQueue: queue.queue, delayLevelWhenNextConsume: 0 };
    let succeeded: boolean;
    try {
      succeeded = (await this.options.listener(message, context)) !== 'RECONSUME_LATER';
    } catch (error) {
      this.options.logger.warn(
        { err: error, msgId: message.msgId, queue: queue.queue },
        'listener threw; the message will be consumed again later',
      );
      succeeded = false;
    }
    // A queue given up meanwhile belongs to someone else now: its offsets are not ours to move.
    if (queue.dropped) return;
    if (succeeded) return this.done(queue, message);
    if (this.options.messageModel === 'BROADCASTING') {
      // Java drops failed broadcast messages too: there is no per-client retry topic.
      this.options.logger.warn({ msgId: message.msgId, queue: queue.queue }, 'broadcast message failed and is dropped');
      return this.done(queue, message);
    }
    if (await this.options.sendBack(message, context.delayLevelWhenNextConsume)) return this.done(queue, message);
    const again: MessageExt = { ...message, reconsumeTimes: message.reconsumeTimes + 1 };
    if (!queue.replace(again)) return;
    this.options.timers.after(this.options.consumeLaterDelayMs, () => {
      if (!queue.dropped) this.submit(queue, [again]);
    });
  }

  private done(queue: ProcessQueue, message: MessageExt): void {
    const offset = queue.remove([message]);
    if (!queue.dropped) this.options.offsetStore.update(queue.queue, offset, true);
  }
}
