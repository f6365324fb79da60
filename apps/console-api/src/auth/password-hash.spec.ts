import { describe, expect, it } from 'vitest';

import { hashPassword, isPasswordHash, verifyPassword } from './password-hash';

describe('console-api > password hashes', () => {
  const cheap = { N: 1024, r: 8, p: 1 };

  it('verifies the right password and refuses a wrong one; salts differ', async () => {
    const first = await hashPassword('correct horse', cheap);
    const second = await hashPassword('correct horse', cheap);
    expect(first).not.toBe(second);
    expect(isPasswordHash(first)).toBe(true);
    expect(await verifyPassword('correct horse', first)).toBe(true);
    expect(await verifyPassword('correct hors', first)).toBe(false);
  });

  it('treats malformed or hostile hashes as a failed check, never a throw or a huge cost', async () => {
    for (const bad of [
      '',
      'plain-text',
      'scrypt$1$8$1$AAAA$AAAA',
      'scrypt$3$8$1$AAAAAAAAAAAA$' + 'A'.repeat(43),
      `scrypt$${2 ** 30}$8$1$AAAAAAAAAAAA$${'A'.repeat(43)}`,
      'bcrypt$10$x$y$z$w',
    ]) {
      expect(isPasswordHash(bad), bad).toBe(false);
      expect(await verifyPassword('anything', bad), bad).toBe(false);
    }
  });
});
