import { performance } from 'node:perf_hooks';

export type StopReason = 'duration' | 'count' | 'signal' | 'error';

export interface RunControllerOptions {
  readonly warmupSeconds: number;
  /** 0 = no time limit. */
  readonly durationSeconds: number;
  /** Called about once a second with the exact milliseconds since the previous tick. */
  readonly onTick: (elapsedMs: number, warmingUp: boolean) => void;
  /** Called once when the warm-up ends (at once when there is none). */
  readonly onMeasureStart: () => void;
  /** Signals that end the run early, summary included; the default is SIGINT and SIGTERM. */
  readonly signals?: readonly NodeJS.Signals[];
}

/**
 * The clock of one benchmark run: warm-up, then the measured window, then stop on the duration,
 * on the caller's word (message count reached) or on Ctrl-C. It owns every timer and signal handler
 * of the run and removes them all on stop.
 *
 * The per-second ticker is deliberately not unref'd: it is what keeps a CLI run alive while every
 * sender is pausing after a failure, and it is cleared on stop like the rest.
 */
export class RunController {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly signalHandlers: Array<[NodeJS.Signals, () => void]> = [];
  private lastTickAt = 0;
  private measureStartAt: number | undefined;
  private stopAt: number | undefined;
  private reason: StopReason | undefined;
  private resolveStopped: (reason: StopReason) => void = () => undefined;
  /** Settles with the reason once the run stops. */
  readonly stopped = new Promise<StopReason>((resolve) => {
    this.resolveStopped = resolve;
  });

  constructor(private readonly options: RunControllerOptions) {}

  get stopping(): boolean {
    return this.reason !== undefined;
  }

  get warmingUp(): boolean {
    return this.measureStartAt === undefined;
  }

  /** performance.now() when measuring began; undefined while warming up. */
  get measureStartedAt(): number | undefined {
    return this.measureStartAt;
  }

  /** performance.now() when the run stopped; undefined while running. */
  get stoppedAt(): number | undefined {
    return this.stopAt;
  }

  start(): void {
    this.lastTickAt = performance.now();
    this.timers.push(setInterval(() => this.tick(), 1000));
    for (const signal of this.options.signals ?? (['SIGINT', 'SIGTERM'] as const)) {
      const handler = (): void => this.stop('signal');
      process.once(signal, handler);
      this.signalHandlers.push([signal, handler]);
    }
    if (this.options.warmupSeconds > 0) this.timers.push(setTimeout(() => this.beginMeasuring(), this.options.warmupSeconds * 1000));
    else this.beginMeasuring();
  }

  /** Ends the run; later calls keep the first reason. */
  stop(reason: StopReason): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.stopAt = performance.now();
    for (const timer of this.timers.splice(0)) clearTimeout(timer);
    for (const [signal, handler] of this.signalHandlers.splice(0)) process.removeListener(signal, handler);
    this.resolveStopped(reason);
  }

  /** A pause that ends early when the run stops (senders back off after a failure). */
  pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      void this.stopped.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private beginMeasuring(): void {
    if (this.stopping || this.measureStartAt !== undefined) return;
    this.measureStartAt = performance.now();
    this.options.onMeasureStart();
    if (this.options.durationSeconds > 0) this.timers.push(setTimeout(() => this.stop('duration'), this.options.durationSeconds * 1000));
  }

  private tick(): void {
    const now = performance.now();
    const elapsed = now - this.lastTickAt;
    this.lastTickAt = now;
    this.options.onTick(elapsed, this.warmingUp);
  }
}
