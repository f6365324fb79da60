import { describe, expect, it } from 'vitest';

import { readInt64, readSafeInt64, writeInt64 } from './int64';

const SAMPLES = [
  0,
  1,
  -1,
  255,
  2 ** 31,
  -(2 ** 31),
  2 ** 32,
  2 ** 32 + 7,
  -(2 ** 32) - 7,
  1_733_529_600_123,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
];

describe('Base > int64', () => {
  it('writes the bytes writeBigInt64BE writes, for every safe integer sampled', () => {
    for (const value of SAMPLES) {
      const ours = Buffer.alloc(10);
      const reference = Buffer.alloc(10);
      writeInt64(ours, value, 1);
      reference.writeBigInt64BE(BigInt(value), 1);
      expect(ours.toString('hex'), String(value)).toBe(reference.toString('hex'));
    }
  });

  it('reads back what it wrote, and what Number(readBigInt64BE) reads', () => {
    for (const value of SAMPLES) {
      const bytes = Buffer.alloc(8);
      writeInt64(bytes, value, 0);
      expect(readInt64(bytes, 0)).toBe(value);
      expect(readInt64(bytes, 0)).toBe(Number(bytes.readBigInt64BE(0)));
    }
  });

  it('rounds a long beyond 2^53 as the BigInt conversion does', () => {
    const bytes = Buffer.alloc(8);
    for (const long of [2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n, 0x0123_4567_89ab_cdefn]) {
      bytes.writeBigInt64BE(long, 0);
      expect(readInt64(bytes, 0)).toBe(Number(long));
    }
  });

  it('readSafeInt64 answers undefined beyond the safe range instead of a rounded number', () => {
    const bytes = Buffer.alloc(8);
    bytes.writeBigInt64BE(2n ** 53n, 0);
    expect(readSafeInt64(bytes, 0)).toBeUndefined();
    bytes.writeBigInt64BE(-(2n ** 63n), 0);
    expect(readSafeInt64(bytes, 0)).toBeUndefined();
    bytes.writeBigInt64BE(2n ** 53n - 1n, 0);
    expect(readSafeInt64(bytes, 0)).toBe(Number.MAX_SAFE_INTEGER);
  });
});
