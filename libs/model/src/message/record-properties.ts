/**
 * A stored record's properties read in place (layout: message-record.ts), for filters that look
 * at a few properties of many records: no decoding of the whole record, no property map, and the
 * value string is the only allocation, made only for a property that is present.
 */
import { MESSAGE_MAGIC_CODE_V1, MessageRecordPosition, hostFieldBytes } from './message-record';
import { MessageSysFlag } from './message-sys-flag';

const NAME_VALUE_SEPARATOR = 0x01;
const PROPERTY_SEPARATOR = 0x02;

/**
 * Where the PROPERTIES text of the record at `record[offset]` starts; it ends at the record's
 * TOTALSIZE. -1 when the lengths do not add up (a torn or foreign record).
 */
export function recordPropertiesStart(record: Buffer, offset = 0): number {
  if (offset + MessageRecordPosition.BORN_HOST > record.length) return -1;
  const end = offset + record.readInt32BE(offset + MessageRecordPosition.TOTAL_SIZE);
  const sysFlag = record.readInt32BE(offset + MessageRecordPosition.SYS_FLAG);
  // BORNHOST, STORETIMESTAMP, STOREHOST, RECONSUMETIMES, PREPAREDTRANSACTIONOFFSET, then the body.
  let at =
    offset +
    MessageRecordPosition.BORN_HOST +
    hostFieldBytes(sysFlag & MessageSysFlag.BORNHOST_V6) +
    8 +
    hostFieldBytes(sysFlag & MessageSysFlag.STOREHOST_V6) +
    4 +
    8;
  if (at + 4 > end || end > record.length) return -1;
  at += 4 + record.readInt32BE(at);
  const v1 = record.readInt32BE(offset + MessageRecordPosition.MAGIC_CODE) === MESSAGE_MAGIC_CODE_V1;
  if (at < offset || at + (v1 ? 1 : 2) > end) return -1;
  at += v1 ? 1 + record.readInt8(at) : 2 + record.readInt16BE(at);
  if (at + 2 > end) return -1;
  const length = record.readInt16BE(at);
  at += 2;
  return length >= 0 && at + length === end ? at : -1;
}

/**
 * The value of the property whose `name U+0001` bytes are `needle`, in the properties text at
 * `record[start, end)`; undefined when absent. Same rules as parseMessageProperties: an empty
 * value does not count, and a later duplicate wins.
 */
export function findRecordProperty(record: Buffer, start: number, end: number, needle: Buffer): string | undefined {
  let found: string | undefined;
  let at = start;
  while (at < end) {
    let segmentEnd = record.indexOf(PROPERTY_SEPARATOR, at);
    if (segmentEnd < 0 || segmentEnd > end) segmentEnd = end;
    const valueStart = at + needle.length;
    if (valueStart < segmentEnd && record.compare(needle, 0, needle.length, at, valueStart) === 0) {
      found = record.toString('utf8', valueStart, segmentEnd);
    }
    at = segmentEnd + 1;
  }
  return found;
}

/** The bytes findRecordProperty looks for: the UTF-8 name and the name/value separator. */
export function recordPropertyNeedle(name: string): Buffer {
  return Buffer.concat([Buffer.from(name, 'utf8'), Buffer.of(NAME_VALUE_SEPARATOR)]);
}
