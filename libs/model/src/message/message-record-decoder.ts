/**
 * Reads stored message records (layout in message-record.ts) one at a time or as the
 * concatenation a pull body is. Body, properties and host addresses come back as views into the
 * source buffer: nothing is copied, so a view is valid only while the source bytes are.
 *
 * Every length is checked against TOTALSIZE and the buffer before it is used, and the fields must
 * end exactly at TOTALSIZE (as the store's recovery check demands), so truncated or garbage bytes
 * produce a MessageDecodeError with the record's offset, never a RangeError.
 */
import { crc32Positive, readSafeInt64 } from '@rocketmq-ts/base';

import { BLANK_MAGIC_CODE } from './end-of-file-marker';
import {
  bodyLengthPosition,
  hostFieldBytes,
  isMessageMagicCode,
  MESSAGE_MAGIC_CODE_V1,
  MESSAGE_RECORD_MIN_BYTES,
  MessageRecordPosition,
  type MessageRecordFields,
  type MessageVersion,
} from './message-record';
import { MessageSysFlag } from './message-sys-flag';
import { MessageDecodeError } from './model-errors';
import type { SocketAddress } from './socket-address';

/** A decoded record. `body`, `properties` (UTF-8 docs/remoting-protocol.md#message-records text) and host `ip`s are views. */
export interface MessageRecordView extends MessageRecordFields {
  readonly totalSize: number;
  readonly version: MessageVersion;
  readonly bodyCrc: number;
  readonly bornHost: SocketAddress;
  readonly storeHost: SocketAddress;
  readonly body: Buffer;
  readonly properties: Buffer;
}

export interface MessageRecordDecodeOptions {
  /** Recompute the body CRC and reject a mismatch (Java's checkCRCOnConsume). Default false. */
  readonly verifyBodyCrc?: boolean;
}

const DEFAULT_DECODE_OPTIONS: MessageRecordDecodeOptions = Object.freeze({});

/**
 * Decodes the record starting at `source[offset]`, which must end at or before `end`.
 * Throws MessageDecodeError (also for the commit log's BLANK end-of-file marker).
 */
export function decodeMessageRecord(
  source: Buffer,
  offset = 0,
  end = source.length,
  options: MessageRecordDecodeOptions = DEFAULT_DECODE_OPTIONS,
): MessageRecordView {
  const version = checkRecordHead(source, offset, end);
  const totalSize = source.readInt32BE(offset);
  const recordEnd = offset + totalSize;

  const sysFlag = source.readInt32BE(offset + MessageRecordPosition.SYS_FLAG);
  const bornHostBytes = hostFieldBytes(sysFlag & MessageSysFlag.BORNHOST_V6);
  const storeHostBytes = hostFieldBytes(sysFlag & MessageSysFlag.STOREHOST_V6);
  // Where BODY starts: every fixed field lies before it, so this one check guards their reads.
  const bodyStart = offset + bodyLengthPosition(sysFlag) + 4;
  if (bodyStart > recordEnd) fail(offset, `total size ${totalSize} is too small for the IPv6 host fields`);

  const bornHost = readHost(source, offset + MessageRecordPosition.BORN_HOST, bornHostBytes);
  let position = offset + MessageRecordPosition.BORN_HOST + bornHostBytes;
  const storeTimestamp = int64At(source, offset, position, 'storeTimestamp');
  const storeHost = readHost(source, position + 8, storeHostBytes);
  position += 8 + storeHostBytes;
  const reconsumeTimes = source.readInt32BE(position);
  const preparedTransactionOffset = int64At(source, offset, position + 4, 'preparedTransactionOffset');
  const bodyLength = source.readInt32BE(position + 12);
  position += 16;
  const topicLengthBytes = version === 1 ? 1 : 2;
  if (bodyLength < 0 || position + bodyLength + topicLengthBytes + 2 > recordEnd) {
    fail(offset, `body length ${bodyLength} overruns the record`);
  }
  const body = source.subarray(position, position + bodyLength);
  position += bodyLength;
  const topicLength = version === 1 ? source.readInt8(position) : source.readInt16BE(position);
  position += topicLengthBytes;
  if (topicLength < 0 || position + topicLength + 2 > recordEnd) fail(offset, `topic length ${topicLength} overruns the record`);
  const topic = source.toString('utf8', position, position + topicLength);
  position += topicLength;
  const propertiesLength = source.readInt16BE(position);
  position += 2;
  if (propertiesLength < 0 || position + propertiesLength !== recordEnd) {
    fail(offset, `properties length ${propertiesLength} does not end the record at its total size ${totalSize}`);
  }
  const bodyCrc = source.readInt32BE(offset + MessageRecordPosition.BODY_CRC);
  if (options.verifyBodyCrc && crc32Positive(body) !== bodyCrc) fail(offset, `body CRC ${bodyCrc} does not match the body`);

  return {
    totalSize,
    version,
    bodyCrc,
    queueId: source.readInt32BE(offset + MessageRecordPosition.QUEUE_ID),
    flag: source.readInt32BE(offset + MessageRecordPosition.FLAG),
    queueOffset: int64At(source, offset, offset + MessageRecordPosition.QUEUE_OFFSET, 'queueOffset'),
    physicalOffset: int64At(source, offset, offset + MessageRecordPosition.PHYSICAL_OFFSET, 'physicalOffset'),
    sysFlag,
    bornTimestamp: int64At(source, offset, offset + MessageRecordPosition.BORN_TIMESTAMP, 'bornTimestamp'),
    bornHost,
    storeTimestamp,
    storeHost,
    reconsumeTimes,
    preparedTransactionOffset,
    body,
    topic,
    properties: source.subarray(position, recordEnd),
  };
}

/**
 * Checks the TOTALSIZE and MAGICCODE head of the record at `source[offset]`: a known magic code, at
 * least the minimum size, and the whole record before `end`. Returns the record's format version.
 */
function checkRecordHead(source: Buffer, offset: number, end: number): MessageVersion {
  if (!Number.isInteger(offset) || offset < 0 || end > source.length || offset + 8 > end) {
    fail(offset, `fewer than 8 bytes left for a record header (buffer ends at ${Math.min(end, source.length)})`);
  }
  const totalSize = source.readInt32BE(offset);
  const magicCode = source.readInt32BE(offset + MessageRecordPosition.MAGIC_CODE);
  if (magicCode === BLANK_MAGIC_CODE) fail(offset, 'end-of-file BLANK marker where a message record was expected');
  if (!isMessageMagicCode(magicCode)) {
    fail(offset, `unknown magic code 0x${(magicCode >>> 0).toString(16).toUpperCase()}`);
  }
  if (totalSize < MESSAGE_RECORD_MIN_BYTES) fail(offset, `total size ${totalSize} is below the ${MESSAGE_RECORD_MIN_BYTES}-byte minimum`);
  if (offset + totalSize > end) fail(offset, `truncated: total size ${totalSize} but only ${end - offset} bytes left`);
  return magicCode === MESSAGE_MAGIC_CODE_V1 ? 1 : 2;
}

function fail(offset: number, reason: string): never {
  throw new MessageDecodeError(offset, reason);
}

function int64At(source: Buffer, recordOffset: number, position: number, name: string): number {
  return readSafeInt64(source, position) ?? fail(recordOffset, `${name} at byte ${position - recordOffset} is not a safe integer`);
}

function readHost(source: Buffer, position: number, fieldBytes: number): SocketAddress {
  const ipBytes = fieldBytes - 4;
  return { ip: source.subarray(position, position + ipBytes), port: source.readInt32BE(position + ipBytes) };
}

/**
 * Walks `source[start, end)` as back-to-back records (a FOUND pull body) and yields each one.
 * Throws MessageDecodeError at the first bad record; records before it were already yielded.
 */
export function* iterateMessageRecords(
  source: Buffer,
  start = 0,
  end = source.length,
  options: MessageRecordDecodeOptions = DEFAULT_DECODE_OPTIONS,
): Generator<MessageRecordView, void, undefined> {
  let position = start;
  while (position < end) {
    const record = decodeMessageRecord(source, position, end, options);
    yield record;
    position += record.totalSize;
  }
}

/** All records of a pull body, in order. */
export function decodeMessageRecords(source: Buffer, options: MessageRecordDecodeOptions = DEFAULT_DECODE_OPTIONS): MessageRecordView[] {
  const records: MessageRecordView[] = [];
  for (let position = 0; position < source.length;) {
    const record = decodeMessageRecord(source, position, source.length, options);
    records.push(record);
    position += record.totalSize;
  }
  return records;
}
