// Proves the perm bit helpers and mqadmin's R/W/X rendering.
import { describe, expect, it } from 'vitest';

import { isInherited, isPriority, isReadable, isValidPerm, isWriteable, PERM_READ_WRITE, PermName, permToString } from './perm-name';

describe('Model > topic > PermName', () => {
  it.each([
    [0, '---'],
    [2, '-W-'],
    [4, 'R--'],
    [6, 'RW-'],
    [7, 'RWX'],
    [1, '--X'],
  ])('renders %i as %s', (perm, text) => {
    expect(permToString(perm)).toBe(text);
  });

  it('reads each bit on its own', () => {
    expect(PERM_READ_WRITE).toBe(6);
    expect([isReadable(6), isWriteable(6), isInherited(6)]).toEqual([true, true, false]);
    expect([isReadable(2), isWriteable(2), isInherited(7)]).toEqual([false, true, true]);
    expect(isPriority(PermName.PERM_PRIORITY | 6)).toBe(true);
  });

  it('accepts 0..7 only', () => {
    expect([0, 6, 7].every(isValidPerm)).toBe(true);
    expect([-1, 8, 1.5].some(isValidPerm)).toBe(false);
  });
});
