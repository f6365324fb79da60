import { describe, expect, it } from 'vitest';

import { ManualClock } from './manual-clock';

describe('Base > manual clock timers', () => {
  it('fires due timers in due-time order, ties in creation order, reading each due time', () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.nowMs()}`), 20);
    clock.setTimeout(() => fired.push(`a@${clock.nowMs()}`), 10);
    clock.setTimeout(() => fired.push(`c@${clock.nowMs()}`), 20);
    clock.setTimeout(() => fired.push(`late@${clock.nowMs()}`), 31);
    clock.advance(30);
    expect(fired).toEqual(['a@10', 'b@20', 'c@20']);
    expect(clock.nowMs()).toBe(30);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(1);
    expect(fired.at(-1)).toBe('late@31');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('re-arms intervals until cleared, and a zero delay fires on advance(0)', () => {
    const clock = new ManualClock(0);
    const ticks: number[] = [];
    const interval = clock.setInterval(() => ticks.push(clock.nowMs()), 100);
    clock.advance(350);
    expect(ticks).toEqual([100, 200, 300]);
    clock.clearInterval(interval);
    clock.advance(1_000);
    expect(ticks).toEqual([100, 200, 300]);

    let immediate = false;
    clock.setTimeout(() => (immediate = true), 0);
    clock.advance(0);
    expect(immediate).toBe(true);
  });

  it('an interval re-armed at a tie runs after timers created before it fired', () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.setInterval(() => fired.push(`tick@${clock.nowMs()}`), 10);
    clock.setTimeout(() => fired.push(`once@${clock.nowMs()}`), 20);
    clock.advance(20);
    expect(fired).toEqual(['tick@10', 'once@20', 'tick@20']);
  });

  it('clearing stops a timer; clearing undefined, a fired timer or a foreign handle is harmless', () => {
    const clock = new ManualClock(0);
    let fired = 0;
    const cleared = clock.setTimeout(() => fired++, 5);
    const done = clock.setTimeout(() => fired++, 1);
    clock.clearTimeout(cleared);
    clock.advance(10);
    expect(fired).toBe(1);
    clock.clearTimeout(done);
    clock.clearTimeout(undefined);
    clock.clearTimeout({
      unref() {
        return this;
      },
    });
    expect(clock.pendingTimers()).toBe(0);
    expect(cleared.unref()).toBe(cleared);
  });

  it('runs timers scheduled from inside a callback when they fall due within the same advance', () => {
    const clock = new ManualClock(0);
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.nowMs());
      clock.setTimeout(() => fired.push(clock.nowMs()), 5);
      clock.setTimeout(() => fired.push(clock.nowMs()), 50);
    }, 10);
    clock.advance(20);
    expect(fired).toEqual([10, 15]);
    expect(clock.nowMs()).toBe(20);
    clock.advance(40);
    expect(fired).toEqual([10, 15, 60]);
  });

  it('an interval callback may clear itself', () => {
    const clock = new ManualClock(0);
    let runs = 0;
    const handle = clock.setInterval(() => {
      runs++;
      if (runs === 2) clock.clearInterval(handle);
    }, 10);
    clock.advance(100);
    expect(runs).toBe(2);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('sleep resolves once time reaches it; set() jumps the date without firing', async () => {
    const clock = new ManualClock(0);
    let woke = false;
    const sleeping = clock.sleep(1_000).then(() => (woke = true));
    clock.set(5_000);
    await Promise.resolve();
    expect(woke).toBe(false);
    clock.advance(0);
    await sleeping;
    expect(woke).toBe(true);
  });
});
