import { describe, expect, it } from 'vitest';

import { assert } from './assert';
import { InvariantViolation } from './invariant-violation';

describe('Base > assert', () => {
  it('returns when the condition holds and narrows the type', () => {
    const value: number | undefined = [7][0];
    assert(value !== undefined, 'value.present');
    const doubled: number = value * 2;
    expect(doubled).toBe(14);
  });

  it('throws an InvariantViolation named after the invariant when the condition fails', () => {
    let caught: unknown;
    try {
      assert(1 > 2, 'numbers.ordered', 'one is not above two');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvariantViolation);
    expect((caught as InvariantViolation).invariant).toBe('numbers.ordered');
    expect((caught as InvariantViolation).message).toBe('numbers.ordered: one is not above two');
  });
});
