/**
 * The classic HA wire format (docs/store-and-ha.md#replication), big-endian like everything RocketMQ writes:
 *
 *   slave → master: [offset: int64]                         the slave's max commit-log offset
 *   master → slave: [offset: int64][size: int32][size bytes] raw commit log from `offset`;
 *                                                           size 0 is a heartbeat
 *
 * Offsets are carried as JS numbers: two 32-bit halves, refused above 2^53 (8 PiB of log), which
 * also catches garbage, since random or ASCII bytes almost always set the high bits.
 */
import { readInt64, writeInt64 } from '@rocketmq-ts/base';

import { HAProtocolError } from '../ha-protocol-error';

export const OFFSET_REPORT_BYTES = 8;
export const FRAME_HEADER_BYTES = 12;

/** Largest high half whose offset is still a safe integer (2^53 - 1 >> 32). */
const MAX_SAFE_HIGH = 0x1f_ffff;

/** The int64 at `at` as a number; throws HAProtocolError when negative or above 2^53. */
export function readOffset(buffer: Buffer, at: number): number {
  const high = buffer.readUInt32BE(at);
  if (high > MAX_SAFE_HIGH) {
    throw new HAProtocolError(`0x${buffer.toString('hex', at, at + 8)} is not a commit-log offset (negative or beyond 2^53)`);
  }
  return readInt64(buffer, at);
}

export function writeOffset(buffer: Buffer, at: number, offset: number): void {
  writeInt64(buffer, offset, at);
}

/** A slave's report: its max offset, i.e. the next byte it needs. */
export function encodeOffsetReport(offset: number): Buffer {
  const report = Buffer.allocUnsafe(OFFSET_REPORT_BYTES);
  writeOffset(report, 0, offset);
  return report;
}

/** The 12-byte header of a frame whose body (`size` bytes of commit log) starts at `offset`. */
export function encodeFrameHeader(offset: number, size: number): Buffer {
  const header = Buffer.allocUnsafe(FRAME_HEADER_BYTES);
  writeOffset(header, 0, offset);
  header.writeInt32BE(size, 8);
  return header;
}
