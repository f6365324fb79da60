import { describe, expect, it } from 'vitest';

import { crc32, crc32Positive } from './crc32';

describe('Base > crc32', () => {
  it('matches the standard check value for "123456789"', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('masks to 31 bits as RocketMQ stores it', () => {
    expect(crc32Positive(Buffer.from('123456789'))).toBe(0xcbf43926 & 0x7fffffff);
  });

  it('covers only the requested range', () => {
    const framed = Buffer.from('xx123456789yy');
    expect(crc32(framed, 2, 11)).toBe(0xcbf43926);
  });

  it('is 0 for no bytes', () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});
