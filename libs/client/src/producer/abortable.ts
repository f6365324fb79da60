import { MQAbortError } from '../errors';

/**
 * `work`, or an MQAbortError as soon as `signal` fires. The work itself goes on (a request
 * already written is answered and its answer dropped); its outcome is always observed, so an
 * abandoned failure never becomes an unhandled rejection.
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(new MQAbortError(what, signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new MQAbortError(what, signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Throws MQAbortError when `signal` has fired; for checks between steps. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new MQAbortError(what, signal.reason);
}
