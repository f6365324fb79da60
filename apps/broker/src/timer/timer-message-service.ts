import { type Clock, type Logger, silentLogger, systemClock, type Timers } from '@rocketmq-ts/base';
import { RMQ_SYS_WHEEL_TIMER_TOPIC } from '@rocketmq-ts/model';
import type { MessageStore, PutMessageStatus, TimerStore } from '@rocketmq-ts/store';

import type { MessagePut } from '../put/message-put-service';
import { deliveryMessage, stagedTimerEntry } from './timer-delivery';

/** What the service reads: the staging queue and the staged records. Writing goes through the put pipeline. */
export type TimerStagingStore = Pick<MessageStore, 'getMessage' | 'lookMessageByOffset'>;

export interface TimerMessageServiceOptions {
  readonly store: TimerStagingStore;
  readonly put: MessagePut;
  readonly timers: TimerStore;
  readonly clock: Clock;
  /**
   * A master delivers; a slave only keeps its timer log in step with the replicated staging queue.
   * The value at start; a controller-mode broker switches it with `setDelivers` on a role change.
   */
  readonly delivers: boolean;
  /** timerFlushIntervalMs: how often the timer log, wheel and checkpoint are fsynced. */
  readonly flushIntervalMs: number;
  /** Look at the staging queue this often when no arrival woke the service (a safety net). */
  readonly idlePollMs?: number;
  /** Wait before retrying a failed put or write. */
  readonly retryDelayMs?: number;
  readonly logger?: Logger;
  /** Where the service's sleeps are scheduled (`timers` above is the timer store); real timers by default. */
  readonly waits?: Timers;
}

const GROUP = 'TIMER_MESSAGE_SERVICE';
/** Staged messages read per store call, and at most per round before delivery gets a turn. */
const STAGING_BATCH = 64;
const STAGING_PER_ROUND = 2_048;
/** Deliveries per round before enqueueing gets a turn again (progress is kept per message). */
const DELIVERIES_PER_ROUND = 2_048;
const CLEANUP_INTERVAL_MS = 60_000;
/** Staged records read from the commit log at once while delivering. */
const READ_AHEAD = 32;
/** Statuses a retry cannot fix: the message is dropped with an error, as Java's PUT_NO_RETRY. */
const NO_RETRY: ReadonlySet<PutMessageStatus> = new Set(['MESSAGE_ILLEGAL', 'PROPERTIES_SIZE_EXCEEDED']);

type RoundResult = 'idle' | 'more' | 'retry';

/**
 * Timer messages (docs/timer-messages.md): one serial loop that
 *   1. enqueues: reads rmq_sys_wheel_timer queue 0 from the timer store's staging offset and logs
 *      each message in its slot (TIMER_OUT_MS); one whose slot already passed is delivered at once;
 *   2. delivers (master only): every slot whose second has passed, in log order, each message
 *      re-put under its REAL_TOPIC/REAL_QID through the put pipeline (origin 'timer', so on a
 *      SYNC_MASTER a slave holds it before the slot moves on), progress recorded per message;
 *   3. flushes the timer store every flushIntervalMs.
 *
 * Invariant: the loop is the timer store's only caller and runs one round at a time, so a slot's
 * chain only grows at its end while it is delivered and a flush never races an enqueue.
 * A failed put stops the round and is retried after retryDelayMs from the same message: nothing is
 * skipped, and a crash between a put and its progress write re-delivers that one message.
 */
export class TimerMessageService {
  private started = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | undefined;
  private wakeRequested = false;
  private lastFlushMs = 0;
  private lastCleanupMs = 0;
  private delivers: boolean;
  private readonly logger: Logger;

  constructor(private readonly options: TimerMessageServiceOptions) {
    this.logger = options.logger ?? silentLogger;
    this.delivers = options.delivers;
  }

  /** Controller mode (docs/controller-mode-broker.md#master-only-services): delivery on as master, off as slave. */
  setDelivers(delivers: boolean): void {
    if (this.delivers === delivers) return;
    this.delivers = delivers;
    this.logger.info({ delivers }, delivers ? 'timer delivery started (master)' : 'timer delivery stopped (not master)');
    this.wake();
  }

  get timers(): TimerStore {
    return this.options.timers;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.lastFlushMs = this.lastCleanupMs = this.options.clock.nowMs();
    this.loopDone = this.loop();
  }

  /** Stops the loop after its round and closes the timer store (flushed). */
  async shutdown(): Promise<void> {
    if (this.started) {
      this.started = false;
      this.wake();
      await this.loopDone;
    }
    await this.options.timers.close();
  }

  /** Store arrival hook: a message was staged, so look now rather than at the next poll. */
  onMessageArriving(topic: string): void {
    if (topic === RMQ_SYS_WHEEL_TIMER_TOPIC) this.wake();
  }

  /** One round of enqueue, delivery and flush; the loop calls it, specs call it with a manual clock. */
  async runOnce(): Promise<RoundResult> {
    const enqueued = await this.enqueueStaged();
    const delivered = enqueued === 'retry' || !this.delivers ? 'idle' : await this.deliverDue();
    const now = this.options.clock.nowMs();
    if (now - this.lastFlushMs >= this.options.flushIntervalMs) {
      this.lastFlushMs = now;
      await this.options.timers.flush();
    }
    if (now - this.lastCleanupMs >= CLEANUP_INTERVAL_MS) {
      this.lastCleanupMs = now;
      const deleted = this.options.timers.deleteDeliveredSegments();
      if (deleted > 0) this.logger.info({ deleted }, 'delivered timer-log segments deleted');
    }
    if (enqueued === 'retry' || delivered === 'retry') return 'retry';
    return enqueued === 'more' || delivered === 'more' ? 'more' : 'idle';
  }

  private async loop(): Promise<void> {
    while (this.started) {
      let waitMs: number;
      try {
        const result = await this.runOnce();
        waitMs = result === 'more' ? 0 : result === 'retry' ? (this.options.retryDelayMs ?? 100) : this.idleWaitMs();
      } catch (error) {
        this.logger.error({ err: error }, 'timer round failed; retrying');
        waitMs = this.options.retryDelayMs ?? 100;
      }
      if (this.started) await this.sleep(waitMs);
    }
  }

  /** Until the next slot is due (master), capped by the idle poll. */
  private idleWaitMs(): number {
    const idleMs = this.options.idlePollMs ?? 1_000;
    if (!this.delivers) return idleMs;
    return Math.max(0, Math.min(idleMs, this.options.timers.nextDueAtMs() - this.options.clock.nowMs()));
  }

  private async enqueueStaged(): Promise<RoundResult> {
    const timers = this.options.timers;
    for (let read = 0; read < STAGING_PER_ROUND;) {
      const offset = timers.stagingQueueOffset;
      const result = await this.options.store.getMessage({
        group: GROUP,
        topic: RMQ_SYS_WHEEL_TIMER_TOPIC,
        queueId: 0,
        offset,
        maxMsgNums: STAGING_BATCH,
        maxMsgBytes: 0,
        filter: undefined,
      });
      if (result.status === 'OFFSET_TOO_SMALL' || result.status === 'OFFSET_OVERFLOW_BADLY') {
        // The queue's files moved (retention deleted its head, or the store was replaced).
        this.logger.warn({ offset, nextBeginOffset: result.nextBeginOffset, status: result.status }, 'timer staging offset moved');
        timers.moveStagingOffset(result.nextBeginOffset);
        continue;
      }
      if (result.status !== 'FOUND' || result.messages.length === 0) return 'idle';
      for (const [index, raw] of result.messages.entries()) {
        const outcome = await this.enqueueOne(raw, offset + index);
        if (outcome !== 'done') return outcome;
      }
      read += result.messages.length;
      // A slot fell due while this backlog was read: deliver it first (the rest is enqueued next
      // round), or a message staged early waits for thousands staged after it (seen ~10 s late).
      if (this.delivers && timers.dueSlot(this.options.clock.nowMs()) !== undefined) return 'more';
    }
    return 'more';
  }

  private async enqueueOne(raw: Buffer, queueOffset: number): Promise<'done' | 'idle' | 'retry'> {
    const timers = this.options.timers;
    const entry = stagedTimerEntry(raw);
    if (entry === undefined) {
      this.logger.warn({ queueOffset }, 'staged timer message without a readable TIMER_OUT_MS skipped');
      timers.markStagedHandled(queueOffset);
      return 'done';
    }
    const outcome = timers.enqueue(entry);
    switch (outcome.kind) {
      case 'logged':
        return 'done';
      case 'wheel-full':
        this.logger.warn(
          { slotTimeMs: outcome.slotTimeMs, readTimeMs: timers.readTimeMs },
          'timer wheel slot still holds an undelivered time; enqueue waits',
        );
        return 'idle';
      case 'write-failed':
        this.logger.error({ err: outcome.error }, 'timer log write failed; retrying');
        return 'retry';
      case 'due':
        if (this.delivers && !(await this.deliver(raw, entry.commitLogOffset))) return 'retry';
        timers.markStagedHandled(entry.stagingQueueOffset);
        return 'done';
    }
  }

  private async deliverDue(): Promise<RoundResult> {
    const timers = this.options.timers;
    let budget = DELIVERIES_PER_ROUND;
    for (let slot = timers.dueSlot(this.options.clock.nowMs()); slot !== undefined; slot = timers.dueSlot(this.options.clock.nowMs())) {
      const records = timers.slotRecords(slot);
      for (let index = timers.deliveredInSlot; index < records.length;) {
        if (budget <= 0) return 'more';
        // Reads ahead in parallel; puts stay one at a time, in order, each followed by its progress.
        const chunk = records.slice(index, index + Math.min(READ_AHEAD, budget));
        const raws = await Promise.all(chunk.map((record) => this.options.store.lookMessageByOffset(record.commitLogOffset)));
        for (const [offset, raw] of raws.entries()) {
          const record = chunk[offset] as (typeof chunk)[number];
          if (raw === undefined) {
            this.logger.error(
              { commitLogOffset: record.commitLogOffset, slotTimeMs: slot },
              'staged timer message no longer in the commit log (fileReservedTime shorter than its delay?); skipped',
            );
          } else if (!(await this.deliver(raw, record.commitLogOffset))) {
            return 'retry';
          }
          timers.markDelivered(++index);
          budget--;
        }
      }
      timers.finishSlot();
    }
    return 'idle';
  }

  /** Puts one staged record to its real topic; false when the put should be retried. */
  private async deliver(raw: Buffer, commitLogOffset: number): Promise<boolean> {
    const converted = deliveryMessage(raw, this.options.clock.nowMs());
    if (converted.kind === 'unreadable') {
      this.logger.error({ commitLogOffset, reason: converted.reason }, 'staged timer message unreadable; skipped');
      return true;
    }
    const result = await this.options.put.put(converted.message, 'timer');
    if (result.appendResult !== undefined) return true;
    if (NO_RETRY.has(result.status)) {
      this.logger.error({ commitLogOffset, status: result.status, remark: result.remark }, 'timer delivery refused for good; skipped');
      return true;
    }
    this.logger.warn({ commitLogOffset, status: result.status, remark: result.remark }, 'timer delivery put failed; retrying');
    return false;
  }

  private wake(): void {
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.wakeRequested || ms <= 0) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const waits = this.options.waits ?? systemClock;
      const timer = waits.setTimeout(done, ms);
      function done(): void {
        waits.clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        this.wakeRequested = false;
        done();
      };
    });
  }
}
