/**
 * One timer-log record: "deliver the message at commitLogOffset in slot deliverAtMs". Records are
 * fixed-size so a position is a record index times RECORD_BYTES and a segment holds whole records.
 *
 *   pos  size  field
 *     0  4     magic               TIMER_RECORD_MAGIC; all-zero bytes are "no record yet"
 *     4  4     crc32               of bytes [8, 48): a torn or stale record fails it
 *     8  8     prevPos             previous record of the same slot, -1 for the first
 *    16  8     deliverAtMs         slot start (TIMER_OUT_MS floored to the precision)
 *    24  8     commitLogOffset     the staged message in rmq_sys_wheel_timer
 *    32  4     size                its record size in the commit log
 *    36  4     reserved (0)
 *    40  8     stagingQueueOffset  its consume-queue offset in rmq_sys_wheel_timer queue 0
 *
 * Big-endian like every other RocketMQ file. prevPos chains the records of one slot backwards, so
 * a slot is read by following its chain from the wheel's lastPos without scanning the log.
 */
import { crc32, readInt64, writeInt64 } from '@rocketmq-ts/base';

export const TIMER_LOG_RECORD_BYTES = 48;
export const TIMER_RECORD_MAGIC = 0x7e11_a001;
/** prevPos of a slot's first record. */
export const NO_POSITION = -1;

export interface TimerLogRecord {
  readonly prevPos: number;
  readonly deliverAtMs: number;
  readonly commitLogOffset: number;
  readonly size: number;
  readonly stagingQueueOffset: number;
}

export function encodeTimerLogRecord(record: TimerLogRecord, target: Buffer, at = 0): void {
  target.writeInt32BE(TIMER_RECORD_MAGIC | 0, at);
  writeInt64(target, record.prevPos, at + 8);
  writeInt64(target, record.deliverAtMs, at + 16);
  writeInt64(target, record.commitLogOffset, at + 24);
  target.writeInt32BE(record.size, at + 32);
  target.writeInt32BE(0, at + 36);
  writeInt64(target, record.stagingQueueOffset, at + 40);
  target.writeUInt32BE(crc32(target, at + 8, at + TIMER_LOG_RECORD_BYTES), at + 4);
}

/** The record at `at`, or undefined when the bytes are empty, torn or not a record. */
export function decodeTimerLogRecord(source: Buffer, at = 0): TimerLogRecord | undefined {
  if (source.length < at + TIMER_LOG_RECORD_BYTES) return undefined;
  if (source.readInt32BE(at) !== (TIMER_RECORD_MAGIC | 0)) return undefined;
  if (source.readUInt32BE(at + 4) !== crc32(source, at + 8, at + TIMER_LOG_RECORD_BYTES)) return undefined;
  return {
    prevPos: readInt64(source, at + 8),
    deliverAtMs: readInt64(source, at + 16),
    commitLogOffset: readInt64(source, at + 24),
    size: source.readInt32BE(at + 32),
    stagingQueueOffset: readInt64(source, at + 40),
  };
}
