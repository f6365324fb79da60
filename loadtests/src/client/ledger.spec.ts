import { describe, expect, it } from 'vitest';

import { Ledger } from './ledger';

describe('Ledger', () => {
  it('counts lag in either order of ack and delivery, duplicates and the missing ones', () => {
    const ledger = new Ledger();
    ledger.acked(0);
    ledger.consumed(1);
    ledger.acked(1);
    ledger.acked(200_000);
    expect([ledger.acknowledged, ledger.lag]).toEqual([3, 2]);
    ledger.consumed(0);
    ledger.consumed(0);
    ledger.consumed(5);
    expect([ledger.lag, ledger.duplicates, ledger.missing(10)]).toEqual([1, 1, [200_000]]);
  });
});
