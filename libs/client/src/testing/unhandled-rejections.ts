import { afterAll, beforeAll, expect } from 'vitest';

/**
 * Records every unhandled promise rejection from the suite's start to its end and fails the suite
 * if there was one: a client must not leave a rejection nobody awaits. Call it first in a
 * `describe`, so its afterAll runs after the suite's own (hooks unwind as a stack) and sees what
 * shutting the clients down left behind.
 */
export function failOnUnhandledRejections(): void {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
}
