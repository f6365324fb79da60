import type { MessageExt } from '../message-ext';
import type { ProcessQueue } from '../process-queue';

interface Batch {
  readonly queue: ProcessQueue;
  readonly messages: MessageExt[];
}

interface Waiter {
  readonly resolve: () => void;
}

/**
 * Pulled batches waiting for poll() (Java's consumeRequestCache): filled by the pull loops,
 * drained in arrival order. A batch of a queue dropped meanwhile (seek, rebalance) is skipped.
 */
export class PollCache {
  private batches: Batch[] = [];
  private waiters = new Set<Waiter>();
  private cachedMessages = 0;

  /** Messages waiting across all queues, for the total flow-control threshold. */
  get size(): number {
    return this.cachedMessages;
  }

  /** `messages` is handed over: poll() returns this very array to the application. */
  push(queue: ProcessQueue, messages: MessageExt[]): void {
    this.batches.push({ queue, messages });
    this.cachedMessages += messages.length;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const waiter of waiters) waiter.resolve();
  }

  /** The oldest batch of a live queue, or undefined when none waits. */
  take(): Batch | undefined {
    while (this.batches.length > 0) {
      const batch = this.batches.shift() as Batch;
      this.cachedMessages -= batch.messages.length;
      if (!batch.queue.dropped) return batch;
    }
    return undefined;
  }

  /** Resolves when a batch arrives, `wake()` is called, the time is up or `signal` aborts. */
  wait(timeoutMs: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', finish);
        this.waiters.delete(waiter);
        resolve();
      };
      const waiter: Waiter = { resolve: finish };
      const timer = setTimeout(finish, Math.max(0, timeoutMs)).unref();
      signal?.addEventListener('abort', finish, { once: true });
      this.waiters.add(waiter);
    });
  }

  /** Ends every wait now (shutdown). */
  wake(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const waiter of waiters) waiter.resolve();
  }

  clear(): void {
    this.batches = [];
    this.cachedMessages = 0;
  }
}
