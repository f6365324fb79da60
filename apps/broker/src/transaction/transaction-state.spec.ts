import { describe, expect, it } from 'vitest';

import { TransactionState } from './transaction-state';

describe('Broker > transactions > TransactionState', () => {
  it('moves the head over decided offsets only, and the op head over records about offsets behind it', () => {
    const state = new TransactionState(0, 0);
    expect(state.apply(0, 1, 'd')).toBe(true);
    expect([state.halfOffset, state.opOffset, state.isDecided(1), state.isDecided(0)]).toEqual([0, 0, true, false]);
    state.apply(1, 0, 'c');
    expect(state.checksOf(0)).toBe(1);
    expect(state.apply(2, 0, 'd')).toBe(true);
    // 0 and 1 are decided: the head passes both, and every op record so far is about them.
    expect([state.halfOffset, state.opOffset, state.checksOf(0)]).toEqual([2, 3, 0]);
  });

  it('decides an offset once: a second decision is a duplicate, before or behind the head', () => {
    const state = new TransactionState(5, 9);
    expect(state.apply(9, 7, 'd')).toBe(true);
    expect(state.apply(10, 7, 'd')).toBe(false);
    expect(state.apply(11, 4, 'd')).toBe(false);
    expect(state.isDecided(3)).toBe(true);
  });

  it('replays to the same state it was in (a restart reads the op records from opOffset)', () => {
    const records: Array<[number, number, 'd' | 'c']> = [
      [0, 2, 'c'],
      [1, 0, 'd'],
      [2, 2, 'c'],
      [3, 3, 'd'],
      [4, 1, 'd'],
    ];
    const live = new TransactionState(0, 0);
    for (const [op, half, kind] of records) live.apply(op, half, kind);
    const replayed = new TransactionState(0, 0);
    for (const [op, half, kind] of records) replayed.apply(op, half, kind);
    expect([replayed.halfOffset, replayed.opOffset, replayed.checksOf(2), replayed.isDecided(3)]).toEqual([
      live.halfOffset,
      live.opOffset,
      2,
      true,
    ]);
    expect(live.halfOffset).toBe(2);
  });

  it('skips offsets retention deleted', () => {
    const state = new TransactionState(0, 0);
    state.apply(0, 6, 'd');
    state.skipTo(5);
    expect([state.halfOffset, state.isDecided(4)]).toEqual([5, true]);
    state.skipTo(6);
    expect(state.halfOffset).toBe(7);
  });
});
