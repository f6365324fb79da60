import { describe, expect, it } from 'vitest';

import { InvariantViolation } from './invariant-violation';
import { unreachable } from './unreachable';

type Shape = { readonly kind: 'circle'; readonly r: number } | { readonly kind: 'square'; readonly side: number };

function area(shape: Shape): number {
  switch (shape.kind) {
    case 'circle':
      return Math.PI * shape.r * shape.r;
    case 'square':
      return shape.side * shape.side;
    default:
      return unreachable(shape, 'shape.kind');
  }
}

describe('Base > unreachable', () => {
  it('is never reached by the values the type allows', () => {
    expect(area({ kind: 'square', side: 3 })).toBe(9);
  });

  it('throws an InvariantViolation named by its context for a value outside the type', () => {
    const outside = { kind: 'triangle' } as unknown as Shape;
    expect(() => area(outside)).toThrow(InvariantViolation);
    expect(() => area(outside)).toThrow(/^shape\.kind: unexpected value \[object Object\]$/);
  });
});
