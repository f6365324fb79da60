import { ManualClock } from '@rocketmq-ts/base';
import { describe, expect, it } from 'vitest';

import type { HeldPull } from './held-pull';
import { PullRequestHoldService } from './pull-request-hold-service';

function setup(bounds: { perQueue?: number; total?: number } = {}) {
  const clock = new ManualClock();
  const maxOffsets = new Map<string, number>();
  const service = new PullRequestHoldService({
    clock,
    maxOffsetOf: (topic, queueId) => maxOffsets.get(`${topic}@${queueId}`) ?? 0,
    checkIntervalMs: 5_000,
    maxHeldPerQueue: bounds.perQueue ?? 10,
    maxHeldTotal: bounds.total ?? 100,
  });
  const woken: string[] = [];
  const pull = (name: string, overrides: Partial<HeldPull> = {}): HeldPull => ({
    topic: 'T',
    queueId: 0,
    pullFromThisOffset: 5,
    deadlineMs: clock.nowMs() + 15_000,
    filter: undefined,
    wake: () => woken.push(name),
    ...overrides,
  });
  return { clock, maxOffsets, service, woken, pull };
}

describe('Broker > long polling > PullRequestHoldService', () => {
  it('wakes the pulls of a queue when a message arrives past their offset, and only those', () => {
    const { service, woken, pull } = setup();
    service.hold(pull('q0'));
    service.hold(pull('q1', { queueId: 1 }));
    service.notifyMessageArriving('T', 0, 5);
    expect(woken).toEqual([]);
    service.notifyMessageArriving('T', 0, 6);
    expect(woken).toEqual(['q0']);
    expect(service.size).toBe(1);
  });

  it('keeps a pull parked when its tag filter rejects the arriving message', () => {
    const { service, woken, pull } = setup();
    service.hold(pull('tagA', { filter: (tagsCode) => tagsCode === 65 }));
    service.notifyMessageArriving('T', 0, 6, { tagsCode: 66 });
    expect(woken).toEqual([]);
    service.notifyMessageArriving('T', 0, 7, { tagsCode: 65 });
    expect(woken).toEqual(['tagA']);
  });

  it('answers a pull at its deadline on the sweep, and one whose queue grew in between', () => {
    const { clock, maxOffsets, service, woken, pull } = setup();
    service.hold(pull('late', { deadlineMs: clock.nowMs() + 15_000 }));
    service.hold(pull('grown', { queueId: 2 }));
    maxOffsets.set('T@2', 9);
    service.checkHoldRequests();
    expect(woken).toEqual(['grown']);
    clock.advance(15_000);
    service.checkHoldRequests();
    expect(woken).toEqual(['grown', 'late']);
    expect(service.size).toBe(0);
  });

  it('refuses to park beyond the per-queue and overall bounds', () => {
    const { service, pull } = setup({ perQueue: 2, total: 3 });
    expect(service.hold(pull('a'))).toBe(true);
    expect(service.hold(pull('b'))).toBe(true);
    expect(service.hold(pull('c'))).toBe(false);
    expect(service.hold(pull('d', { queueId: 1 }))).toBe(true);
    expect(service.hold(pull('e', { queueId: 2 }))).toBe(false);
  });

  it('forgets a cancelled pull and answers the rest at shutdown', () => {
    const { service, woken, pull } = setup();
    const gone = pull('gone');
    service.hold(gone);
    service.hold(pull('kept'));
    service.cancel(gone);
    service.shutdown();
    expect(woken).toEqual(['kept']);
    expect(service.size).toBe(0);
  });
});
