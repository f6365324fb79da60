import { describe, expect, it } from 'vitest';

import { deliveryTime } from './timer-delivery-time';

const NOW = 1_700_000_000_250;
const LIMITS = { precisionMs: 1_000, maxDelayMs: 259_200_000 };
const at = (properties: Record<string, string>) => deliveryTime(new Map(Object.entries(properties)), NOW, LIMITS);

describe('Broker > timer > deliveryTime', () => {
  it('rounds a time down to its slot, and a time on a slot boundary to the slot before (never delivered early)', () => {
    expect(at({ TIMER_DELIVER_MS: String(NOW + 10_000) })).toEqual({ kind: 'hold', slotTimeMs: 1_700_000_010_000 });
    expect(at({ TIMER_DELIVER_MS: '1700000011000' })).toEqual({ kind: 'hold', slotTimeMs: 1_700_000_010_000 });
  });

  it('reads TIMER_DELAY_SEC before TIMER_DELAY_MS before TIMER_DELIVER_MS before __STARTDELIVERTIME', () => {
    expect(at({ TIMER_DELAY_SEC: '3', TIMER_DELAY_MS: '60000', TIMER_DELIVER_MS: '1' })).toEqual({
      kind: 'hold',
      slotTimeMs: 1_700_000_003_000,
    });
    expect(at({ TIMER_DELAY_MS: '1500', __STARTDELIVERTIME: '1' })).toEqual({ kind: 'hold', slotTimeMs: 1_700_000_001_000 });
    expect(at({ __STARTDELIVERTIME: String(NOW + 2_000) })).toEqual({ kind: 'hold', slotTimeMs: 1_700_000_002_000 });
  });

  it('delivers a time now or past at once, and refuses an unreadable one or one beyond the max delay', () => {
    expect(at({ TIMER_DELIVER_MS: String(NOW) })).toEqual({ kind: 'now' });
    expect(at({ TIMER_DELAY_SEC: '-5' })).toEqual({ kind: 'now' });
    expect(at({ TIMER_DELAY_MS: String(LIMITS.maxDelayMs) })).toMatchObject({ kind: 'hold' });
    expect(at({ TIMER_DELAY_MS: String(LIMITS.maxDelayMs + 1) })).toEqual({ kind: 'illegal' });
    for (const text of ['', '1e3', '12.5', 'soon', '99999999999999999999'])
      expect(at({ TIMER_DELIVER_MS: text })).toEqual({ kind: 'illegal' });
  });
});
