import { describe, expect, it } from 'vitest';

import { bool, duration, int, long, oneOf, port, string } from './validators';

describe('Config > validators', () => {
  it('parses ints within Java int range or the given bounds', () => {
    expect(int(0).parse(' 42 ')).toEqual({ ok: true, value: 42 });
    expect(int(0).parse('-7')).toEqual({ ok: true, value: -7 });
    expect(int(0).parse('2147483648').ok).toBe(false);
    expect(int(0).parse('1.5').ok).toBe(false);
    expect(int(0).parse('0x10').ok).toBe(false);
    expect(int(1, { min: 1, max: 10 }).parse('11').ok).toBe(false);
    expect(int(1, { min: 1, max: 10 }).expected).toBe('an integer in [1, 10]');
  });

  it('parses longs up to the safe-integer limit', () => {
    expect(long(0).parse('9007199254740991')).toEqual({ ok: true, value: 9007199254740991 });
    expect(long(0).parse('9007199254740992').ok).toBe(false);
  });

  it('accepts ports 1..65535 only', () => {
    const listenPort = port(9876);
    expect(listenPort.expected).toBe('an integer in [1, 65535]');
    expect(listenPort.parse('9876')).toEqual({ ok: true, value: 9876 });
    expect(listenPort.parse('0').ok).toBe(false);
    expect(listenPort.parse('65536').ok).toBe(false);
    expect(port(0, { ephemeral: true }).parse('0')).toEqual({ ok: true, value: 0 });
    expect(port(0, { ephemeral: true }).expected).toBe('an integer in [0, 65535] (0 = any free port)');
    expect(listenPort.parse('abc').ok).toBe(false);
  });

  it('accepts true/false in any case and nothing else', () => {
    expect(bool(false).parse('TRUE')).toEqual({ ok: true, value: true });
    expect(bool(true).parse('false')).toEqual({ ok: true, value: false });
    expect(bool(true).parse('yes').ok).toBe(false);
  });

  it('trims strings and can insist on a value', () => {
    expect(string('x').parse('  /tmp/a  ')).toEqual({ ok: true, value: '/tmp/a' });
    expect(string('x', { nonEmpty: true }).parse('  ').ok).toBe(false);
  });

  it('matches enum names exactly', () => {
    const role = oneOf(['ASYNC_MASTER', 'SYNC_MASTER', 'SLAVE'], 'ASYNC_MASTER');
    expect(role.parse('SLAVE')).toEqual({ ok: true, value: 'SLAVE' });
    expect(role.parse('slave').ok).toBe(false);
    expect(role.expected).toBe('one of "ASYNC_MASTER", "SYNC_MASTER", "SLAVE"');
  });

  it('reads durations as milliseconds with optional units', () => {
    const interval = duration(5000, { minMs: 1 });
    expect(interval.parse('5000')).toEqual({ ok: true, value: 5000 });
    expect(interval.parse('5s')).toEqual({ ok: true, value: 5000 });
    expect(interval.parse('2m')).toEqual({ ok: true, value: 120_000 });
    expect(interval.parse('250ms')).toEqual({ ok: true, value: 250 });
    expect(interval.parse('0').ok).toBe(false);
    expect(interval.parse('5 days').ok).toBe(false);
  });
});
