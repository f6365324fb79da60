import { systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';

/**
 * Every timer a client owns, in one place: all unref'd (a forgotten client never keeps Node
 * alive), all cleared by one `clear()` at shutdown, and sleeps that end early when cleared so
 * loops waiting on them wind down at once instead of at their next tick.
 */
export class TimerSet {
  private readonly intervals = new Set<TimerHandle>();
  private readonly timeouts = new Set<TimerHandle>();
  private readonly sleepers = new Set<() => void>();
  private cleared = false;

  /** `timers`: where everything is scheduled (docs/time.md#clock-and-timers); real timers by default. */
  constructor(private readonly timers: Timers = systemClock) {}

  get isCleared(): boolean {
    return this.cleared;
  }

  /** Runs `task` every `intervalMs`; a task's rejection is the task's own business (it must catch). */
  every(intervalMs: number, task: () => void): void {
    if (this.cleared) return;
    this.intervals.add(this.timers.setInterval(task, intervalMs).unref());
  }

  /** Runs `task` once after `delayMs` unless the set is cleared first. */
  after(delayMs: number, task: () => void): void {
    if (this.cleared) return;
    const timer = this.timers
      .setTimeout(() => {
        this.timeouts.delete(timer);
        task();
      }, delayMs)
      .unref();
    this.timeouts.add(timer);
  }

  /** Resolves after `delayMs`, or at once when the set is (or gets) cleared. Never rejects. */
  sleep(delayMs: number): Promise<void> {
    if (this.cleared || delayMs <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        this.sleepers.delete(wake);
        this.timeouts.delete(timer);
        this.timers.clearTimeout(timer);
        resolve();
      };
      const timer = this.timers.setTimeout(wake, delayMs).unref();
      this.timeouts.add(timer);
      this.sleepers.add(wake);
    });
  }

  clear(): void {
    this.cleared = true;
    for (const timer of this.intervals) this.timers.clearInterval(timer);
    for (const timer of this.timeouts) this.timers.clearTimeout(timer);
    this.intervals.clear();
    this.timeouts.clear();
    for (const wake of [...this.sleepers]) wake();
  }
}
