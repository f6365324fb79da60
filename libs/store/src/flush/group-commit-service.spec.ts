// The group commit's waiters are kept in append order (a prefix is resolved per flush): a waiter
// registered out of that order is the violated state, and it must stop with the invariant's name.
// A flush that itself reports a violated invariant is not logged and retried like a disk error.
import { describe, expect, it } from 'vitest';

import { InvariantViolation, ManualClock, silentLogger } from '@rocketmq-ts/base';

import { GroupCommitService } from './group-commit-service';

function deferredFlush(): { flush: () => Promise<number>; complete: (offset: number) => void } {
  const pending: Array<(offset: number) => void> = [];
  return {
    flush: () => new Promise<number>((resolve) => pending.push(resolve)),
    complete: (offset) => {
      for (const resolve of pending.splice(0)) resolve(offset);
    },
  };
}

describe('Store > GroupCommitService invariants', () => {
  it('serves waiters registered in append order with one flush', async () => {
    const disk = deferredFlush();
    const service = new GroupCommitService({ flush: disk.flush, timeoutMs: 60_000, logger: silentLogger, clock: new ManualClock() });
    const first = service.waitForFlush(100);
    const second = service.waitForFlush(200);
    await new Promise((resolve) => setImmediate(resolve));
    disk.complete(200);
    await expect(Promise.all([first, second])).resolves.toEqual(['PUT_OK', 'PUT_OK']);
    await service.stop();
  });

  it('stops with group-commit.waiter-order when a waiter registers below the last one', async () => {
    const disk = deferredFlush();
    const service = new GroupCommitService({ flush: disk.flush, timeoutMs: 60_000, logger: silentLogger, clock: new ManualClock() });
    const first = service.waitForFlush(200);
    let caught: unknown;
    try {
      void service.waitForFlush(100);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvariantViolation);
    expect((caught as InvariantViolation).invariant).toBe('group-commit.waiter-order');
    expect(service.pendingWaiters()).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    disk.complete(200);
    await expect(first).resolves.toBe('PUT_OK');
    await service.stop();
  });

  it('lets an InvariantViolation from the flush through instead of logging it as a failed flush', async () => {
    let calls = 0;
    const flush = (): Promise<number> => (++calls === 1 ? Promise.reject(new InvariantViolation('test.flush-broken')) : Promise.resolve(0));
    const service = new GroupCommitService({ flush, timeoutMs: 60_000, logger: silentLogger, clock: new ManualClock() });
    const waiting = service.waitForFlush(100);
    // stop() flushes the open waiter itself: the violation surfaces there instead of a log line.
    await expect(service.stop()).rejects.toThrow(/^test\.flush-broken$/);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toBe(2);
    void waiting;
  });
});
