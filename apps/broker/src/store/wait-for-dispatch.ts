import type { Timers } from '@rocketmq-ts/base';
import type { MessageStore } from '@rocketmq-ts/store';

/** How often the store's dispatch backlog is looked at while waiting. */
const POLL_MS = 10;

export interface DispatchWait {
  readonly timers: Timers;
  /** Give up after about this long: a replay that waits for ever would keep the service down. */
  readonly maxWaitMs: number;
  /** Stop waiting at once (shutdown). */
  readonly stopped: () => boolean;
}

/**
 * Resolves once the store has dispatched everything below its horizon (what recovery found is in
 * the consume queues and the index), after about `maxWaitMs`, or when `stopped()`. Services that
 * replay a log of their own (pop revive, transaction ops) wait for this before reading it.
 * The bound counts polls on `timers`, not the date, so it holds under a clock that does not move.
 */
export async function waitForDispatch(store: Pick<MessageStore, 'dispatchBehindBytes'>, wait: DispatchWait): Promise<void> {
  for (let waitedMs = 0; store.dispatchBehindBytes() > 0 && waitedMs < wait.maxWaitMs && !wait.stopped(); waitedMs += POLL_MS) {
    await wait.timers.sleep(POLL_MS);
  }
}
