import { describeError } from '@rocketmq-ts/base';

/** What a wait is for; it appears in the error when the wait times out. */
export interface WaitOptions {
  timeoutMs: number;
  /** Pause between two checks (default 100 ms). */
  intervalMs?: number;
  /** Human-readable purpose, e.g. "broker-a registered on namesrv 127.0.0.1:40123". */
  reason: string;
}

/** Thrown by a check to stop waiting at once (e.g. the process being waited on has died). */
export class WaitAbortedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WaitAbortedError';
  }
}

export class WaitTimeoutError extends Error {
  constructor(
    readonly reason: string,
    readonly elapsedMs: number,
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(
      `timed out after ${elapsedMs} ms (${attempts} checks) waiting for: ${reason}` +
        (lastError === undefined ? '' : `; last error: ${describeError(lastError)}`),
    );
    this.name = 'WaitTimeoutError';
  }
}

/**
 * Polls `check` until it returns a value other than `undefined`, `null` or `false`, and returns
 * that value. A check that throws counts as "not yet"; its error is kept and reported if the wait
 * times out; a check that throws WaitAbortedError ends the wait at once. A check still running at the deadline is not
 * abandoned silently: the error says so.
 */
export async function waitFor<T>(check: () => T | Promise<T>, options: WaitOptions): Promise<Exclude<T, undefined | null | false>> {
  const intervalMs = options.intervalMs ?? 100;
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  let attempts = 0;
  let lastError: unknown = undefined;
  for (;;) {
    attempts++;
    try {
      const value = await withDeadline(Promise.resolve().then(check), deadline);
      if (value !== undefined && value !== null && value !== false) {
        return value as Exclude<T, undefined | null | false>;
      }
      lastError = undefined;
    } catch (error) {
      if (error instanceof WaitAbortedError) throw new Error(`gave up waiting for: ${options.reason}: ${error.message}`, { cause: error });
      lastError = error;
    }
    const now = Date.now();
    if (now >= deadline) throw new WaitTimeoutError(options.reason, now - started, attempts, lastError);
    await delay(Math.min(intervalMs, deadline - now));
  }
}

const DEADLINE = Symbol('deadline');

async function withDeadline<T>(promise: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<typeof DEADLINE>((resolve) => {
    timer = setTimeout(() => resolve(DEADLINE), Math.max(0, deadline - Date.now()));
  });
  try {
    const winner = await Promise.race([promise, expired]);
    if (winner === DEADLINE) throw new Error('check still running at the deadline');
    return winner;
  } finally {
    clearTimeout(timer);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The error `promise` rejects with; fails if it resolves instead. Handy for asserting on messages. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
  throw new Error(`expected a rejection, got ${JSON.stringify(value) ?? String(value)}`);
}
