// 64-bit fields on disk and on the wire (offsets, timestamps, positions) are big-endian two's
// complement longs and live in our code as `number`: a commit log would need 8 PiB before an
// offset passes 2^53 (docs/store-and-ha.md#commit-log). Reading them as hi * 2^32 + lo costs two
// int reads and no BigInt allocation, which matters on the consume-queue and dispatch paths; the
// result is the same number `Number(readBigInt64BE(...))` gives (hi * 2^32 is exact, so the one
// addition rounds as the BigInt conversion does).

const TWO_POW_32 = 4294967296;
/** |hi| below 2^21 keeps hi * 2^32 + lo inside Number.MAX_SAFE_INTEGER. */
const SAFE_HIGH_WORD_LIMIT = 0x200000;

/** Reads a signed 64-bit big-endian integer; exact within the safe-integer range. */
export function readInt64(source: Buffer, position: number): number {
  return source.readInt32BE(position) * TWO_POW_32 + source.readUInt32BE(position + 4);
}

/** Reads a signed 64-bit big-endian integer, or undefined when it is not a safe integer. */
export function readSafeInt64(source: Buffer, position: number): number | undefined {
  const high = source.readInt32BE(position);
  if (high >= SAFE_HIGH_WORD_LIMIT || high < -SAFE_HIGH_WORD_LIMIT) return undefined;
  const value = high * TWO_POW_32 + source.readUInt32BE(position + 4);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Writes an integer as a signed 64-bit big-endian long. Exact for safe integers; the caller checked the range. */
export function writeInt64(target: Buffer, value: number, position: number): void {
  const high = Math.floor(value / TWO_POW_32);
  target.writeInt32BE(high, position);
  target.writeUInt32BE(value - high * TWO_POW_32, position + 4);
}
