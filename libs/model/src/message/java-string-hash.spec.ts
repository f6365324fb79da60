// Proves javaStringHashCode equals Java's String.hashCode: known values, a non-ASCII tag worked
// out from the UTF-16 definition, a surrogate pair, and 32-bit wrap-around.
import { describe, expect, it } from 'vitest';

import { javaStringHashCode } from './java-string-hash';

describe('Model > Java String.hashCode', () => {
  it.each([
    ['TagA', 2598919],
    ['', 0],
    ['hello', 99162322],
    ['Aa', 2112],
    ['BB', 2112],
    // The classic string whose hash is Integer.MIN_VALUE: the sum wraps through int32.
    ['polygenelubricants', -2147483648],
  ])('%j hashes to %i', (text, expected) => {
    expect(javaStringHashCode(text)).toBe(expected);
  });

  it('hashes UTF-16 code units: 标签 = 0x6807 * 31 + 0x7B7E', () => {
    expect(javaStringHashCode('标签')).toBe(0x6807 * 31 + 0x7b7e);
    expect(javaStringHashCode('标签')).toBe(857175);
  });

  it('hashes both halves of a surrogate pair, as Java chars', () => {
    expect(javaStringHashCode('😀')).toBe(0xd83d * 31 + 0xde00);
  });
});
