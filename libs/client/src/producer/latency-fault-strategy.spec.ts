import { describe, expect, it } from 'vitest';

import { ManualClock } from '@rocketmq-ts/base';

import { toPublishInfo } from '../route/topic-publish-info';
import { LatencyFaultStrategy } from './latency-fault-strategy';
import { QueueSelector } from './queue-selector';

const route = {
  brokerDatas: ['a', 'b', 'c'].map((name, index) => ({
    cluster: 'c',
    brokerName: name,
    brokerAddrs: new Map([[0, `127.0.0.1:${index + 1}`]]),
    enableActingMaster: false,
  })),
  queueDatas: ['a', 'b', 'c'].map((name) => ({ brokerName: name, readQueueNums: 2, writeQueueNums: 2, perm: 6, topicSysFlag: 0 })),
  filterServerTable: new Map(),
};

describe('Client > Producer > latency fault strategy', () => {
  it('maps latencies to Java’s not-available durations', () => {
    const strategy = new LatencyFaultStrategy({ clock: new ManualClock() });
    const table: [number, number][] = [
      [0, 0],
      [49, 0],
      [100, 0],
      [549, 0],
      [550, 30_000],
      [999, 30_000],
      [1_000, 60_000],
      [2_000, 120_000],
      [3_000, 180_000],
      [14_999, 180_000],
      [15_000, 600_000],
      [30_000, 600_000],
    ];
    for (const [latencyMs, durationMs] of table)
      expect([latencyMs, strategy.notAvailableDuration(latencyMs)]).toEqual([latencyMs, durationMs]);
  });

  it('keeps a fast broker available and sidelines a slow one until its penalty ends', () => {
    const clock = new ManualClock();
    const strategy = new LatencyFaultStrategy({ clock });
    strategy.updateFaultItem('fast', 20, false);
    strategy.updateFaultItem('slow', 1_200, false);
    expect(strategy.isAvailable('fast')).toBe(true);
    expect(strategy.isAvailable('slow')).toBe(false);
    expect(strategy.isAvailable('never-seen')).toBe(true);
    clock.advance(59_999);
    expect(strategy.isAvailable('slow')).toBe(false);
    clock.advance(1);
    expect(strategy.isAvailable('slow')).toBe(true);
  });

  it('isolates a failed broker for 10 minutes, and a later fast answer clears it', () => {
    const clock = new ManualClock();
    const strategy = new LatencyFaultStrategy({ clock });
    strategy.updateFaultItem('a', 5, true);
    clock.advance(599_999);
    expect(strategy.isAvailable('a')).toBe(false);
    strategy.updateFaultItem('a', 5, false);
    expect(strategy.isAvailable('a')).toBe(true);
  });

  it('picks the least bad broker when every one is sidelined', () => {
    const clock = new ManualClock();
    const strategy = new LatencyFaultStrategy({ clock });
    strategy.updateFaultItem('a', 30_000, false);
    strategy.updateFaultItem('b', 600, false);
    strategy.updateFaultItem('c', 2_500, false);
    expect(strategy.pickOneAtLeast(['a', 'b', 'c'])).toBe('b');
    expect(strategy.pickOneAtLeast([])).toBeUndefined();
  });

  it('steers queue selection away from sidelined brokers and back once they recover', () => {
    const clock = new ManualClock();
    const strategy = new LatencyFaultStrategy({ clock });
    const info = toPublishInfo('T', route, false);
    const selector = new QueueSelector();
    strategy.updateFaultItem('b', 0, true);
    const picked = Array.from(
      { length: 12 },
      () => selector.selectAvailable(info, undefined, (name) => strategy.isAvailable(name))?.brokerName,
    );
    expect(new Set(picked)).toEqual(new Set(['a', 'c']));
    // Preferring another broker than the one that just failed, among the available ones.
    for (let round = 0; round < 6; round += 1)
      expect(selector.selectAvailable(info, 'a', (name) => strategy.isAvailable(name))?.brokerName).toBe('c');
    strategy.updateFaultItem('a', 0, true);
    strategy.updateFaultItem('c', 0, true);
    expect(selector.selectAvailable(info, undefined, (name) => strategy.isAvailable(name))).toBeUndefined();
    clock.advance(600_000);
    expect(selector.selectAvailable(info, undefined, (name) => strategy.isAvailable(name))).toBeDefined();
  });

  it('refuses tables of different lengths', () => {
    expect(() => new LatencyFaultStrategy({ latencyMaxMs: [1, 2], notAvailableDurationMs: [0] })).toThrow(RangeError);
  });
});
