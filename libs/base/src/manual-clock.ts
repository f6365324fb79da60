import type { Clock, TimerHandle, Timers } from './clock';

/** One pending timer; it is its own handle. Intervals stay in the list and move their due time. */
class ManualTimer implements TimerHandle {
  constructor(
    readonly callback: () => void,
    public dueMs: number,
    public sequence: number,
    readonly intervalMs: number | undefined,
  ) {}

  unref(): this {
    return this;
  }
}

/**
 * Time that moves only when a spec says so. Invariants:
 * - `advance(ms)` fires every timer due up to now + ms, in due-time order, ties in creation order;
 *   while a callback runs, `nowMs()` reads that timer's due time.
 * - An interval re-arms before its callback runs (so the callback may clear it) and counts as
 *   created at that moment for tie-breaking. Intervals of less than 1 ms run every 1 ms, as Node's.
 * - A timer a callback schedules fires within the same `advance` when it falls due inside it.
 * - `set()` is a date jump: it fires nothing; timers keep their due times and fire at the next
 *   `advance` that reaches them.
 * Callbacks that start async work run it after `advance` returns: await it before asserting.
 */
export class ManualClock implements Clock, Timers {
  private readonly pending: ManualTimer[] = [];
  private nextSequence = 0;

  constructor(private currentMs = 1_700_000_000_000) {}

  nowMs(): number {
    return this.currentMs;
  }

  advance(durationMs: number): void {
    if (durationMs < 0) throw new RangeError(`cannot move a clock backwards by ${durationMs} ms`);
    const targetMs = this.currentMs + durationMs;
    for (let timer = this.nextDue(targetMs); timer !== undefined; timer = this.nextDue(targetMs)) {
      this.currentMs = Math.max(this.currentMs, timer.dueMs);
      if (timer.intervalMs === undefined) this.remove(timer);
      else {
        timer.dueMs += timer.intervalMs;
        timer.sequence = this.nextSequence++;
      }
      timer.callback();
    }
    this.currentMs = targetMs;
  }

  set(epochMs: number): void {
    this.currentMs = epochMs;
  }

  /** Timers scheduled and neither fired (timeouts) nor cleared. */
  pendingTimers(): number {
    return this.pending.length;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return this.schedule(callback, delayMs > 0 ? delayMs : 0, undefined);
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle instanceof ManualTimer) this.remove(handle);
  }

  setInterval(callback: () => void, intervalMs: number): TimerHandle {
    const period = intervalMs >= 1 ? intervalMs : 1;
    return this.schedule(callback, period, period);
  }

  clearInterval(handle: TimerHandle | undefined): void {
    this.clearTimeout(handle);
  }

  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, delayMs));
  }

  private schedule(callback: () => void, delayMs: number, intervalMs: number | undefined): ManualTimer {
    const timer = new ManualTimer(callback, this.currentMs + delayMs, this.nextSequence++, intervalMs);
    this.pending.push(timer);
    return timer;
  }

  private nextDue(targetMs: number): ManualTimer | undefined {
    let next: ManualTimer | undefined;
    for (const timer of this.pending) {
      if (timer.dueMs > targetMs) continue;
      if (next === undefined || timer.dueMs < next.dueMs || (timer.dueMs === next.dueMs && timer.sequence < next.sequence)) next = timer;
    }
    return next;
  }

  private remove(timer: ManualTimer): void {
    const index = this.pending.indexOf(timer);
    if (index >= 0) this.pending.splice(index, 1);
  }
}
