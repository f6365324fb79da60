/**
 * SYNC_FLUSH group commit (docs/store-and-ha.md#commit-log, GroupCommitService + FlushDiskWatcher in one).
 *
 * A put that wants its ack after the flush registers `nextOffset` (its wroteOffset + wroteBytes)
 * and waits. Waiters arriving in the same event-loop turn are served by one flush: the service
 * runs one flush at a time, and every waiter whose nextOffset the finished flush covers resolves
 * PUT_OK. Waiters that came in while a flush ran are the next group.
 *
 * A waiter still open `timeoutMs` after it registered resolves FLUSH_DISK_TIMEOUT: the message is
 * stored, only its durability is unconfirmed.
 *
 * Waiters are registered in append order, so both nextOffset and deadline grow along the array:
 * flush completions and timeouts each remove a prefix, and one timer (for the oldest waiter)
 * covers every deadline. Asserted as `group-commit.waiter-order` when a waiter registers: one
 * out of order would be resolved late, or time out while its bytes are already on disk.
 *
 * No wake-up is lost: a WAIT=false put that arrives while a flush runs marks `wakePending`, and the
 * loop flushes once more. Dropping it would leave that record unflushed until some later write —
 * and under SYNC_FLUSH the dispatcher only indexes flushed bytes, so the message would stay
 * invisible to consumers meanwhile.
 */
import {
  at,
  type Clock,
  InvariantViolation,
  type Logger,
  rethrowInvariantViolation,
  systemClock,
  type TimerHandle,
  type Timers,
} from '@rocketmq-ts/base';

export type FlushWaitStatus = 'PUT_OK' | 'FLUSH_DISK_TIMEOUT';

export interface GroupCommitServiceOptions {
  /** Flushes everything written so far; resolves to the flushed offset. */
  readonly flush: () => Promise<number>;
  readonly timeoutMs: number;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** The deadline and retry timers; real ones by default. */
  readonly timers?: Timers;
}

interface FlushWaiter {
  readonly nextOffset: number;
  readonly deadlineMs: number;
  readonly resolve: (status: FlushWaitStatus) => void;
}

/** After a failed flush, wait this long before the next try so a broken disk does not spin the loop. */
const RETRY_AFTER_FAILURE_MS = 10;

export class GroupCommitService {
  private readonly options: GroupCommitServiceOptions;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private waiters: FlushWaiter[] = [];
  private flushing = false;
  private flushScheduled = false;
  /** A wake-up came while a flush ran: the loop must flush again before it stops. */
  private wakePending = false;
  private deadlineTimer: TimerHandle | undefined;
  private flushedOffset = 0;
  private stopped = false;
  private running: Promise<void> | undefined;
  /** Flushes performed, for runtime info. */
  flushCount = 0;

  constructor(options: GroupCommitServiceOptions) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemClock;
  }

  /** Resolves when the log is flushed to `nextOffset`, or FLUSH_DISK_TIMEOUT. */
  waitForFlush(nextOffset: number): Promise<FlushWaitStatus> {
    if (nextOffset <= this.flushedOffset) return Promise.resolve('PUT_OK');
    if (this.stopped) return Promise.resolve('FLUSH_DISK_TIMEOUT');
    const last = this.waiters[this.waiters.length - 1];
    if (last !== undefined && nextOffset < last.nextOffset) {
      throw new InvariantViolation(
        'group-commit.waiter-order',
        `waiter for offset ${nextOffset} registered after one for ${last.nextOffset}`,
      );
    }
    return new Promise((resolve) => {
      this.waiters.push({ nextOffset, deadlineMs: this.clock.nowMs() + this.options.timeoutMs, resolve });
      if (this.waiters.length === 1) this.armDeadlineTimer();
      this.scheduleFlush();
    });
  }

  /** WAIT=false puts: no waiter, but the data should still reach the disk soon. */
  wakeUp(): void {
    if (!this.stopped) this.scheduleFlush();
  }

  pendingWaiters(): number {
    return this.waiters.length;
  }

  /** Resolves every open waiter with a last flush (clean shutdown); later waits time out at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.clearTimeout(this.deadlineTimer);
    this.deadlineTimer = undefined;
    if (this.running) await this.running;
    if (this.waiters.length > 0) await this.flushGroup();
    for (const waiter of this.waiters) waiter.resolve('FLUSH_DISK_TIMEOUT');
    this.waiters = [];
  }

  private scheduleFlush(): void {
    if (this.stopped) return;
    if (this.flushing) {
      this.wakePending = true;
      return;
    }
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // setImmediate lets every put of the current turn register first: they share this flush. It is
    // "after this turn's I/O callbacks", not a duration, so it stays off the Timers port.
    setImmediate(() => {
      this.flushScheduled = false;
      this.running = this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      let succeeded = true;
      do {
        this.wakePending = false;
        succeeded = await this.flushGroup();
      } while (succeeded && (this.waiters.length > 0 || this.wakePending) && !this.stopped);
      if (!succeeded && !this.stopped) this.timers.setTimeout(() => this.wakeUp(), RETRY_AFTER_FAILURE_MS);
    } finally {
      this.flushing = false;
    }
  }

  /** One flush, then resolve the covered prefix. False when the flush failed. */
  private async flushGroup(): Promise<boolean> {
    try {
      this.flushedOffset = Math.max(this.flushedOffset, await this.options.flush());
      this.flushCount++;
    } catch (error) {
      rethrowInvariantViolation(error);
      this.options.logger.error({ err: error }, 'commit log flush failed; SYNC_FLUSH waiters keep waiting until their timeout');
      return false;
    }
    let covered = 0;
    while (covered < this.waiters.length && at(this.waiters, covered, 'flush waiters').nextOffset <= this.flushedOffset) covered++;
    if (covered > 0) this.resolvePrefix(covered, 'PUT_OK');
    return true;
  }

  private resolvePrefix(count: number, status: FlushWaitStatus): void {
    const done = this.waiters.slice(0, count);
    this.waiters = this.waiters.slice(count);
    for (const waiter of done) waiter.resolve(status);
    this.armDeadlineTimer();
  }

  private armDeadlineTimer(): void {
    this.timers.clearTimeout(this.deadlineTimer);
    this.deadlineTimer = undefined;
    const oldest = this.waiters[0];
    if (!oldest || this.stopped) return;
    this.deadlineTimer = this.timers.setTimeout(() => this.expireWaiters(), Math.max(0, oldest.deadlineMs - this.clock.nowMs()));
  }

  private expireWaiters(): void {
    this.deadlineTimer = undefined;
    const nowMs = this.clock.nowMs();
    let expired = 0;
    while (expired < this.waiters.length && at(this.waiters, expired, 'flush waiters').deadlineMs <= nowMs) expired++;
    if (expired > 0) {
      this.options.logger.warn({ waiters: expired, timeoutMs: this.options.timeoutMs }, 'SYNC_FLUSH wait timed out: FLUSH_DISK_TIMEOUT');
      this.resolvePrefix(expired, 'FLUSH_DISK_TIMEOUT');
    } else this.armDeadlineTimer();
  }
}
