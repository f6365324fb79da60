/**
 * SYNC_MASTER puts waiting for a slave to acknowledge their bytes (RocketMQ's
 * GroupTransferService, docs/store-and-ha.md#replication): a put whose data ends at `offset` completes PUT_OK once
 * any slave has acknowledged that offset, or FLUSH_SLAVE_TIMEOUT when its deadline passes first.
 *
 * Batched without a timer per put:
 * - waiters sit in one array sorted by offset (puts arrive in append order, so an insert is a
 *   push); an ack resolves a prefix of it;
 * - one timer is armed for the earliest deadline; when it fires, one sweep resolves every expired
 *   waiter and re-arms for the next earliest. With puts acked in time that is about one timer per
 *   timeout period, whatever the put rate.
 */
import { at, type Clock, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';

export type SlaveAckWaitStatus = 'PUT_OK' | 'FLUSH_SLAVE_TIMEOUT';

interface AckWaiter {
  readonly offset: number;
  readonly deadlineMs: number;
  readonly resolve: (status: SlaveAckWaitStatus) => void;
}

/** Resolved waiters are dropped from the array front in batches of at least this many. */
const COMPACT_AFTER = 1024;

export class SlaveAckWaiters {
  private waiters: AckWaiter[] = [];
  /** Index of the first live waiter: the ones before it are resolved. */
  private head = 0;
  private ackedOffset = 0;
  private timer: TimerHandle | undefined;
  private timerDeadlineMs = Number.POSITIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly timers: Timers = systemClock,
  ) {}

  /** Waiters not yet resolved. */
  size(): number {
    return this.waiters.length - this.head;
  }

  /** Resolves PUT_OK when an ack reaches `offset`, FLUSH_SLAVE_TIMEOUT after `timeoutMs`. */
  wait(offset: number, timeoutMs: number): Promise<SlaveAckWaitStatus> {
    if (offset <= this.ackedOffset) return Promise.resolve('PUT_OK');
    return new Promise((resolve) => {
      const waiter: AckWaiter = { offset, deadlineMs: this.clock.nowMs() + timeoutMs, resolve };
      this.insert(waiter);
      if (waiter.deadlineMs < this.timerDeadlineMs) this.armTimer(waiter.deadlineMs);
    });
  }

  /** The highest offset any slave has acknowledged; resolves every waiter at or below it. */
  onAck(offset: number): void {
    if (offset <= this.ackedOffset) return;
    this.ackedOffset = offset;
    const waiters = this.waiters;
    let head = this.head;
    while (head < waiters.length) {
      const waiter = at(waiters, head, 'ack waiters');
      if (waiter.offset > offset) break;
      waiter.resolve('PUT_OK');
      head++;
    }
    this.head = head;
    // The timer stays armed when the list empties: it fires once, finds nothing and is not
    // re-armed, instead of a setTimeout/clearTimeout pair per put while the slave keeps up.
    if (head === waiters.length) {
      this.waiters = [];
      this.head = 0;
    } else if (head >= COMPACT_AFTER && head * 2 >= waiters.length) {
      this.waiters = waiters.slice(head);
      this.head = 0;
    }
  }

  /** Resolves every waiter with `status` (shutdown) and stops the timer. */
  resolveAll(status: SlaveAckWaitStatus): void {
    const waiters = this.waiters;
    const head = this.head;
    this.clear();
    for (let index = head; index < waiters.length; index++) at(waiters, index, 'ack waiters').resolve(status);
  }

  private insert(waiter: AckWaiter): void {
    const waiters = this.waiters;
    const last = waiters[waiters.length - 1];
    if (last === undefined || last.offset <= waiter.offset || waiters.length === this.head) {
      waiters.push(waiter);
      return;
    }
    // Out of order (a put that resumed late): binary search among the live waiters.
    let low = this.head;
    let high = waiters.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (at(waiters, middle, 'ack waiters').offset <= waiter.offset) low = middle + 1;
      else high = middle;
    }
    waiters.splice(low, 0, waiter);
  }

  private armTimer(deadlineMs: number): void {
    this.timers.clearTimeout(this.timer);
    this.timerDeadlineMs = deadlineMs;
    this.timer = this.timers.setTimeout(() => this.sweep(), Math.max(0, deadlineMs - this.clock.nowMs()));
    this.timer.unref();
  }

  /** Resolves the expired waiters, keeps the others in order, re-arms for the earliest left. */
  private sweep(): void {
    this.timer = undefined;
    this.timerDeadlineMs = Number.POSITIVE_INFINITY;
    const nowMs = this.clock.nowMs();
    const live: AckWaiter[] = [];
    let earliest = Number.POSITIVE_INFINITY;
    for (let index = this.head; index < this.waiters.length; index++) {
      const waiter = at(this.waiters, index, 'ack waiters');
      if (waiter.deadlineMs <= nowMs) waiter.resolve('FLUSH_SLAVE_TIMEOUT');
      else {
        live.push(waiter);
        if (waiter.deadlineMs < earliest) earliest = waiter.deadlineMs;
      }
    }
    this.waiters = live;
    this.head = 0;
    if (earliest !== Number.POSITIVE_INFINITY) this.armTimer(earliest);
  }

  private clear(): void {
    this.waiters = [];
    this.head = 0;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDeadlineMs = Number.POSITIVE_INFINITY;
  }
}
