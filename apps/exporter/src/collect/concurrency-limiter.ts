/**
 * Caps how many admin requests are in flight across the whole collection round, so a cluster
 * with thousands of topics is polled at a steady pace instead of opening thousands of requests
 * at once. Waiters queue in arrival order.
 */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly maxInFlight: number) {
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1)
      throw new RangeError(`maxInFlight must be a positive integer, got ${maxInFlight}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxInFlight) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  get inFlight(): number {
    return this.running;
  }
}
