import { describe, expect, it } from 'vitest';

import { BrokerStatsManager, StatsName } from './broker-stats-manager';
import { TpsSampler } from './tps-sampler';

// The windows as RocketMQ's StatsItem computes them: a window's sum is the difference between its
// oldest and newest sample, its tps that sum per second between them, avgpt the sum per call.
describe('Broker > stats > windows', () => {
  const start = new Date(2026, 0, 10, 12, 0, 0).getTime();

  it('counts puts per topic into the minute window only once it is sampled', () => {
    let now = start;
    const stats = new BrokerStatsManager('DefaultCluster', () => now);
    stats.onPut('T', 1, 100);
    stats.onPut('T', 3, 300); // a batch: 3 messages in one call
    const item = stats.statsItem(StatsName.TOPIC_PUT_NUMS, 'T');
    expect(item?.snapshot('minute')).toEqual({ sum: 0, tps: 0, avgpt: 0, times: 0 });
    now += 10_000;
    stats.sample('minute', now);
    expect(item?.snapshot('minute')).toEqual({ sum: 4, tps: 4 / 20, avgpt: 2, times: 2 });
    expect(stats.statsItem(StatsName.TOPIC_PUT_SIZE, 'T')?.snapshot('minute').sum).toBe(400);
    expect(stats.statsItem(StatsName.BROKER_PUT_NUMS, 'DefaultCluster')?.snapshot('minute').sum).toBe(4);
  });

  it('keeps seven minute samples, so a minute later the early puts have left the window', () => {
    let now = start;
    const stats = new BrokerStatsManager('C', () => now);
    stats.onPut('T', 5, 5);
    for (let i = 0; i < 7; i++) {
      now += 10_000;
      stats.sample('minute', now);
    }
    expect(stats.statsItem(StatsName.TOPIC_PUT_NUMS, 'T')?.snapshot('minute').sum).toBe(0);
  });

  it('keys group gets by topic@group, counts misses only in the TPS totals, and leaves system topics out of today’s totals', () => {
    const now = start;
    const stats = new BrokerStatsManager('C', () => now);
    stats.onGet('G', 'T', 2, 20);
    stats.onGet('G', 'T', 0, 0);
    stats.onGet('G', 'SCHEDULE_TOPIC_XXXX', 1, 10);
    expect(stats.statsItem(StatsName.GROUP_GET_NUMS, 'T@G')).toBeDefined();
    expect(stats.statsItem(StatsName.GROUP_GET_NUMS, 'T')).toBeUndefined();
    expect(stats.statsItem('NO_SUCH_STATS', 'T@G')).toBeUndefined();
    expect(stats.tps.totals).toEqual({ put: 0, getFound: 2, getMiss: 1, getTransferred: 3 });
    expect(stats.dayTotals().getTodayNow).toBe(2);
  });

  it('rolls today’s totals into the morning figures at local midnight', () => {
    let now = start;
    const stats = new BrokerStatsManager('C', () => now);
    stats.onPut('T', 7, 7);
    now = new Date(2026, 0, 11, 0, 0, 5).getTime();
    stats.sample('minute', now);
    stats.onPut('T', 1, 1);
    expect(stats.dayTotals()).toMatchObject({ putTodayNow: 8, putTodayMorning: 7, putYesterdayMorning: 0 });
  });
});

describe('Broker > stats > TPS sampler', () => {
  it('prints the 10 s, 60 s and 600 s rates as Java does, blank while a window is not covered', () => {
    const sampler = new TpsSampler();
    for (let second = 0; second <= 60; second++) {
      sampler.totals.put = second * 5;
      sampler.sample(second * 1000);
    }
    expect(sampler.text('put')).toBe('5.0 5.0 ');
    expect(sampler.rate('getFound', 10)).toBe(0);
  });
});
