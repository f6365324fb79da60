import { describe, expect, it } from 'vitest';

import { ProtocolError } from '../command/protocol-error';
import { HeaderError } from './header-error';
import { optionalBoolean, optionalExactLong, optionalInt, requireExactLong, requireInt, requireLong, requireString } from './header-fields';

const H = 'TestHeader';

describe('Protocol > headers > field readers', () => {
  it('parses ints with Integer.parseInt semantics', () => {
    expect(requireInt({ n: '42' }, 'n', H)).toBe(42);
    expect(requireInt({ n: '-7' }, 'n', H)).toBe(-7);
    expect(requireInt({ n: '+7' }, 'n', H)).toBe(7);
    expect(requireInt({ n: '007' }, 'n', H)).toBe(7);
    expect(Object.is(requireInt({ n: '-0' }, 'n', H), 0)).toBe(true);
    expect(requireInt({ n: '2147483647' }, 'n', H)).toBe(2147483647);
    expect(requireInt({ n: '-2147483648' }, 'n', H)).toBe(-2147483648);
  });

  it.each(['1.5', 'abc', '', ' 1', '1 ', '0x10', '1e3', '2147483648', '-2147483649', '+'])('rejects int %j', (text) => {
    expect(() => requireInt({ n: text }, 'n', H)).toThrow(HeaderError);
  });

  it('parses quantity longs over the whole long range, saturating beyond ±(2^53 − 1)', () => {
    expect(requireLong({ n: '1700000000000' }, 'n', H)).toBe(1700000000000);
    expect(requireLong({ n: String(Number.MAX_SAFE_INTEGER) }, 'n', H)).toBe(Number.MAX_SAFE_INTEGER);
    expect(requireLong({ n: '9007199254740993' }, 'n', H)).toBe(Number.MAX_SAFE_INTEGER);
    expect(requireLong({ n: '9223372036854775807' }, 'n', H)).toBe(Number.MAX_SAFE_INTEGER);
    expect(requireLong({ n: '-9223372036854775808' }, 'n', H)).toBe(Number.MIN_SAFE_INTEGER);
    expect(requireLong({ n: '-0000000000000000000000000000000000000000000000042' }, 'n', H)).toBe(-42);
    expect(Object.is(requireLong({ n: '-0' }, 'n', H), 0)).toBe(true);
  });

  it('parses token longs exactly over the whole long range', () => {
    expect(requireExactLong({ n: '1796644820944235133' }, 'n', H)).toBe(1796644820944235133n);
    expect(requireExactLong({ n: '9223372036854775807' }, 'n', H)).toBe(2n ** 63n - 1n);
    expect(requireExactLong({ n: '-9223372036854775808' }, 'n', H)).toBe(-(2n ** 63n));
    expect(optionalExactLong({}, 'n', H)).toBeUndefined();
  });

  it.each(['12.0', 'abc', '', ' 1', '0x10', '1e3', '9223372036854775808', '-9223372036854775809', '+'])(
    'rejects long %j as Long.parseLong does',
    (text) => {
      expect(() => requireLong({ n: text }, 'n', H)).toThrow(HeaderError);
      expect(() => requireExactLong({ n: text }, 'n', H)).toThrow(HeaderError);
    },
  );

  it('reads booleans as Boolean.parseBoolean does', () => {
    expect(['true', 'TRUE', 'True', 'false', 'yes', '1', ''].map((text) => optionalBoolean({ b: text }, 'b'))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(optionalBoolean({}, 'b')).toBeUndefined();
  });

  it('names the header and the field in its errors, which are ProtocolErrors', () => {
    const error = captureError(() => requireString(undefined, 'topic', H));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ name: 'HeaderError', headerName: H, field: 'topic', message: 'TestHeader.topic: missing' });
    expect(captureError(() => optionalInt({ q: 'x' }, 'q', H)).message).toBe('TestHeader.q: not an integer: "x"');
  });
});

function captureError(action: () => unknown): HeaderError {
  try {
    action();
  } catch (error) {
    if (error instanceof HeaderError) return error;
    throw error;
  }
  throw new Error('expected a HeaderError');
}
