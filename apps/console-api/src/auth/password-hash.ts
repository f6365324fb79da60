import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

import { at } from '@rocketmq-ts/base';

/**
 * Password hashes for the users file: `scrypt$N$r$p$salt$hash` (salt and hash base64url). scrypt
 * from node:crypto, so no native dependency; N = 2^15 costs ~50 ms per check on one core, which
 * also slows guessing. Verification is constant-time on the derived key.
 */
const PREFIX = 'scrypt';
const KEY_LENGTH = 32;
const DEFAULT_COST = { N: 1 << 15, r: 8, p: 1 };

export async function hashPassword(password: string, cost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return [PREFIX, cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** False for a wrong password and for a malformed hash (never throws on bad input). */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (parsed === undefined) return false;
  const key = await derive(password, parsed.salt, parsed.cost);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

export function isPasswordHash(encoded: string): boolean {
  return parseHash(encoded) !== undefined;
}

interface ParsedHash {
  readonly cost: { readonly N: number; readonly r: number; readonly p: number };
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parseHash(encoded: string): ParsedHash | undefined {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((value) => Number.isInteger(value) && value > 0) || (N & (N - 1)) !== 0 || N > 1 << 20 || r > 32 || p > 16)
    return undefined;
  const salt = Buffer.from(at(parts, 4, 'hash fields'), 'base64url');
  const key = Buffer.from(at(parts, 5, 'hash fields'), 'base64url');
  if (salt.length < 8 || key.length !== KEY_LENGTH) return undefined;
  return { cost: { N, r, p }, salt, key };
}

function derive(password: string, salt: Buffer, cost: { readonly N: number; readonly r: number; readonly p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }, (error, key) =>
      error === null ? resolve(key) : reject(error),
    );
  });
}
