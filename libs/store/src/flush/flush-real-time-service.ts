/**
 * ASYNC_FLUSH (docs/store-and-ha.md#commit-log, FlushRealTimeService): every `intervalMs` flush when at least
 * `leastBytes` are dirty (RocketMQ: 4 pages of 4 KiB), and flush whatever is dirty at least every
 * `thoroughIntervalMs`. Puts never wait for it; it bounds what an OS crash can lose.
 *
 * Ticks are chained with setTimeout, so two flushes never overlap even when the disk is slower
 * than the interval.
 */
import { type Clock, type Logger, rethrowInvariantViolation, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';

export const OS_PAGE_BYTES = 4096;
export const FLUSH_LEAST_PAGES = 4;

export interface FlushRealTimeServiceOptions {
  readonly flush: () => Promise<number>;
  readonly unflushedBytes: () => number;
  readonly intervalMs: number;
  readonly thoroughIntervalMs: number;
  readonly leastBytes?: number;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Where the ticks are chained; real timers by default. */
  readonly timers?: Timers;
}

export class FlushRealTimeService {
  private readonly options: FlushRealTimeServiceOptions;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly leastBytes: number;
  private timer: TimerHandle | undefined;
  private running: Promise<void> | undefined;
  private lastThoroughMs: number;
  private stopped = true;
  /** Flushes performed, for runtime info. */
  flushCount = 0;

  constructor(options: FlushRealTimeServiceOptions) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemClock;
    this.leastBytes = options.leastBytes ?? FLUSH_LEAST_PAGES * OS_PAGE_BYTES;
    this.lastThoroughMs = this.clock.nowMs();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.scheduleTick();
  }

  /** Stops the ticks, then flushes everything once (clean shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) await this.running;
    await this.options.flush();
  }

  /** One tick's decision, exposed so specs drive it without timers. */
  async tick(): Promise<boolean> {
    const nowMs = this.clock.nowMs();
    const thorough = nowMs - this.lastThoroughMs >= this.options.thoroughIntervalMs;
    const dirtyBytes = this.options.unflushedBytes();
    if (dirtyBytes === 0 || (!thorough && dirtyBytes < this.leastBytes)) return false;
    if (thorough) this.lastThoroughMs = nowMs;
    await this.options.flush();
    this.flushCount++;
    return true;
  }

  private scheduleTick(): void {
    if (this.stopped) return;
    this.timer = this.timers.setTimeout(() => {
      this.running = this.tick()
        .then(() => undefined)
        .catch((error: unknown) => {
          rethrowInvariantViolation(error);
          this.options.logger.error({ err: error }, 'commit log async flush failed; retrying next tick');
        })
        .finally(() => this.scheduleTick());
    }, this.options.intervalMs);
  }
}
