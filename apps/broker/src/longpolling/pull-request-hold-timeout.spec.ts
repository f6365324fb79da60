import { ManualClock } from '@rocketmq-ts/base';
import { describe, expect, it } from 'vitest';

import type { HeldPull } from './held-pull';
import { PullRequestHoldService } from './pull-request-hold-service';

// The suspension timeout as the running service applies it: the sweep is scheduled on the clock,
// so moving the clock is what answers a held pull (no checkHoldRequests() call, no real waiting).
describe('Broker > long polling > suspension timeout on the clock', () => {
  it('answers a held pull at the first 5 s sweep at or past its 15 s deadline, and stops sweeping at shutdown', () => {
    const clock = new ManualClock(0);
    const service = new PullRequestHoldService({
      clock,
      timers: clock,
      maxOffsetOf: () => 5,
      checkIntervalMs: 5_000,
      maxHeldPerQueue: 10,
      maxHeldTotal: 100,
    });
    const woken: number[] = [];
    const pull = (deadlineMs: number): HeldPull => ({
      topic: 'T',
      queueId: 0,
      pullFromThisOffset: 5,
      deadlineMs,
      filter: undefined,
      wake: () => woken.push(clock.nowMs()),
    });
    service.start();
    service.hold(pull(15_000));
    service.hold(pull(12_000));

    clock.advance(9_999);
    expect(woken).toEqual([]);
    clock.advance(5_000); // the sweep at 10 s finds neither due
    expect(woken).toEqual([]);
    clock.advance(1); // the sweep at 15 s answers both
    expect(woken).toEqual([15_000, 15_000]);
    expect(service.size).toBe(0);

    service.shutdown();
    expect(clock.pendingTimers()).toBe(0);
  });
});
