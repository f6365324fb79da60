import { describe, expect, it } from 'vitest';

import { at } from './checked-index';
import { InvariantViolation } from './invariant-violation';

describe('Base > at (checked indexer)', () => {
  it('returns the element of arrays, strings and buffers', () => {
    expect(at(['a', 'b'], 1, 'letters')).toBe('b');
    expect(at('xyz', 2, 'text')).toBe('z');
    expect(at(Buffer.from([5, 0]), 1, 'bytes')).toBe(0);
  });

  it('throws an InvariantViolation naming the collection for an index out of range', () => {
    expect(() => at([1, 2], 2, 'waiters')).toThrow(InvariantViolation);
    expect(() => at([1, 2], 2, 'waiters')).toThrow('waiters in range: index 2 of 2');
    expect(() => at([1, 2], -1, 'waiters')).toThrow('waiters in range: index -1 of 2');
  });

  it('treats a hole as out of range', () => {
    const sparse: number[] = [];
    sparse[3] = 1;
    expect(() => at(sparse, 0, 'sparse')).toThrow(InvariantViolation);
  });
});
