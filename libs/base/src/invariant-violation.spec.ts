import { describe, expect, it } from 'vitest';

import { InvariantViolation, rethrowInvariantViolation } from './invariant-violation';

describe('Base > InvariantViolation', () => {
  it('starts its message with the invariant name and keeps the name as a field', () => {
    const error = new InvariantViolation('queue.order', 'offset 3 after 5');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InvariantViolation');
    expect(error.invariant).toBe('queue.order');
    expect(error.message).toBe('queue.order: offset 3 after 5');
    expect(new InvariantViolation('queue.order').message).toBe('queue.order');
  });

  it('lets a catch block pass an invariant violation on and keep every other error', () => {
    expect(() => rethrowInvariantViolation(new InvariantViolation('x.y'))).toThrow(InvariantViolation);
    expect(() => rethrowInvariantViolation(new Error('disk full'))).not.toThrow();
    expect(() => rethrowInvariantViolation('a string')).not.toThrow();
  });
});
