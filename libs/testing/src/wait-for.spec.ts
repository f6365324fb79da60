import { describe, expect, it } from 'vitest';

import { rejectionOf, waitFor, WaitAbortedError, WaitTimeoutError } from './wait-for';

describe('Testing > waitFor', () => {
  it('returns the first truthy value the check produces', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? { calls } : undefined), { timeoutMs: 5000, intervalMs: 5, reason: 'third call' });
    expect(value).toEqual({ calls: 3 });
  });

  it('treats a throwing check as "not yet" and keeps polling', async () => {
    let calls = 0;
    const value = await waitFor(
      async () => {
        calls++;
        if (calls < 3) throw new Error(`not ready (${calls})`);
        return 'ready';
      },
      { timeoutMs: 5000, intervalMs: 5, reason: 'ready after two failures' },
    );
    expect(value).toBe('ready');
  });

  it('times out with the reason and the last error seen', async () => {
    const error = await waitFor(
      () => {
        throw new Error('broker-a not in cluster info');
      },
      { timeoutMs: 100, intervalMs: 10, reason: 'broker-a registered' },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    const timeout = error as WaitTimeoutError;
    expect(timeout.message).toContain('waiting for: broker-a registered');
    expect(timeout.message).toContain('last error: Error: broker-a not in cluster info');
    expect(timeout.attempts).toBeGreaterThan(1);
  });

  it('does not report an error from an earlier attempt when the last attempt merely returned false', async () => {
    let calls = 0;
    const error = await waitFor(
      () => {
        calls++;
        if (calls === 1) throw new Error('first attempt failed');
        return false;
      },
      { timeoutMs: 80, intervalMs: 10, reason: 'never true' },
    ).catch((caught: unknown) => caught as WaitTimeoutError);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError).lastError).toBeUndefined();
  });

  it('stops at once when the check throws WaitAbortedError', async () => {
    let calls = 0;
    const error = await waitFor(
      () => {
        calls++;
        throw new WaitAbortedError('process exited with code 1');
      },
      { timeoutMs: 10_000, intervalMs: 10, reason: 'port open' },
    ).catch((caught: unknown) => caught as Error);
    expect(calls).toBe(1);
    expect(error.message).toContain('gave up waiting for: port open');
    expect(error.message).toContain('process exited with code 1');
  });

  it('rejectionOf fails when the promise resolves', async () => {
    await expect(rejectionOf(Promise.resolve(42))).rejects.toThrow('expected a rejection, got 42');
  });

  it('bounds a check that never settles by the deadline', async () => {
    const error = await rejectionOf(waitFor(() => new Promise<boolean>(() => undefined), { timeoutMs: 50, reason: 'hung check' }));
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.message).toContain('check still running at the deadline');
  });
});
