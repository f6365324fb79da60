// CRC-32 (IEEE 802.3), the checksum java.util.zip.CRC32 computes. RocketMQ stores
// `crc32(body) & 0x7FFFFFFF` in every message record and in REGISTER_BROKER's bodyCrc32.
// Node's zlib.crc32 (native, Node >= 20.15) is about 6x faster than a JavaScript table loop,
// and the record encoder spends most of its time here.
import { crc32 as nativeCrc32 } from 'node:zlib';

/** Unsigned CRC-32 of `bytes[start, end)`. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const range = start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end);
  return nativeCrc32(range) >>> 0;
}

/** CRC-32 masked to 31 bits, as RocketMQ's `UtilAll.crc32` returns it. */
export function crc32Positive(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return crc32(bytes, start, end) & 0x7fffffff;
}
