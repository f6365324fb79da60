/**
 * At most `permits` holders at once; waiters are served first come, first served. Tracks when it
 * goes idle so shutdown can wait for work in progress.
 */
export class Semaphore {
  private inUse = 0;
  private readonly waiters: Array<() => void> = [];
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly permits: number) {}

  get busy(): number {
    return this.inUse;
  }

  /** Takes a permit at once when one is free (true), else returns false without queueing. */
  tryAcquire(): boolean {
    if (this.inUse >= this.permits) return false;
    this.inUse += 1;
    return true;
  }

  acquire(): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next !== undefined) {
      next();
      return;
    }
    this.inUse -= 1;
    if (this.inUse === 0) {
      const idle = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of idle) resolve();
    }
  }

  /** Resolves once no permit is held, or after `timeoutMs`; true when it went idle. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.inUse === 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((waiter) => waiter !== onIdle);
        resolve(false);
      }, timeoutMs).unref();
      const onIdle = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.idleWaiters.push(onIdle);
    });
  }
}
