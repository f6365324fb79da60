/**
 * The stored message record: one entry of the commit log, and the unit a FOUND pull body is a
 * concatenation of (docs/remoting-protocol.md#message-records, docs/store-and-ha.md#commit-log). All integers big-endian.
 *
 *   pos  size      field
 *     0  4         TOTALSIZE                  whole record, this field included
 *     4  4         MAGICCODE                  V1 0xDAA320A7, V2 0xDAA320AB
 *     8  4         BODYCRC                    crc32(stored body) & 0x7FFFFFFF
 *    12  4         QUEUEID
 *    16  4         FLAG                       user flag, stored verbatim
 *    20  8         QUEUEOFFSET                logical offset in the consume queue
 *    28  8         PHYSICALOFFSET             commit-log offset of this record
 *    36  4         SYSFLAG                    MessageSysFlag bits
 *    40  8         BORNTIMESTAMP              producer ms
 *    48  8 | 20    BORNHOST                   ip(4 | 16 when SYSFLAG 0x10) + port:int32
 *     …  8         STORETIMESTAMP             broker ms
 *     …  8 | 20    STOREHOST                  ip(4 | 16 when SYSFLAG 0x20) + port:int32
 *     …  4         RECONSUMETIMES
 *     …  8         PREPAREDTRANSACTIONOFFSET
 *     …  4 + n     BODYLENGTH:int32 + BODY    possibly compressed (SYSFLAG bit 0)
 *     …  1|2 + t   TOPICLENGTH + TOPIC        V1: signed byte (topic <= 127 bytes); V2: signed short
 *     …  2 + p     PROPERTIESLENGTH + PROPS   signed short (<= 32767 bytes), docs/remoting-protocol.md#message-records text
 *
 * Size with IPv4 hosts and V1 = 91 + n + t + p. The broker picks V2 only for topics longer than
 * 127 bytes, because GO and ali-ons read a 1-byte topic length whatever the magic says.
 *
 * The encoder writes straight into a caller's buffer at an offset, so the store can append into
 * its write buffer without an intermediate copy; it then patches PHYSICALOFFSET and
 * STORETIMESTAMP in place under its append lock (positions exported below).
 */
import { crc32Positive, writeInt64 } from '@rocketmq-ts/base';

import { MessageEncodeError } from './model-errors';
import { MessageSysFlag } from './message-sys-flag';
import { IPV4_BYTES, IPV6_BYTES, type SocketAddress } from './socket-address';

/** Java writes these as ints; the `| 0` gives the same signed values readInt32BE returns. */
export const MESSAGE_MAGIC_CODE_V1 = 0xdaa320a7 | 0;
export const MESSAGE_MAGIC_CODE_V2 = 0xdaa320ab | 0;

export type MessageVersion = 1 | 2;

export const MESSAGE_TOPIC_MAX_BYTES_V1 = 127;
export const MESSAGE_TOPIC_MAX_BYTES_V2 = 32767;
export const MESSAGE_PROPERTIES_MAX_BYTES = 32767;

/** Fixed positions, valid for every record: everything after BORNHOST moves with its size. */
export const MessageRecordPosition = {
  TOTAL_SIZE: 0,
  MAGIC_CODE: 4,
  BODY_CRC: 8,
  QUEUE_ID: 12,
  FLAG: 16,
  QUEUE_OFFSET: 20,
  PHYSICAL_OFFSET: 28,
  SYS_FLAG: 36,
  BORN_TIMESTAMP: 40,
  BORN_HOST: 48,
} as const;

/** The smallest record there is: V1, IPv4 hosts, empty body, topic and properties. */
export const MESSAGE_RECORD_MIN_BYTES = 91;

/** STORETIMESTAMP (8) + RECONSUMETIMES (4) + PREPAREDTRANSACTIONOFFSET (8) between the two host fields and BODYLENGTH. */
const FIELDS_BETWEEN_HOSTS_AND_BODY_LENGTH = 20;

/** Whether MAGICCODE names a message record (V1 or V2); the BLANK marker and garbage do not. */
export function isMessageMagicCode(magic: number): boolean {
  return magic === MESSAGE_MAGIC_CODE_V1 || magic === MESSAGE_MAGIC_CODE_V2;
}

/** Where STORETIMESTAMP sits: 56 with an IPv4 born host, 68 with an IPv6 one. */
export function storeTimestampPosition(sysFlag: number): number {
  return MessageRecordPosition.BORN_HOST + hostFieldBytes(sysFlag & MessageSysFlag.BORNHOST_V6);
}

/** Where BODYLENGTH sits: 72 with IPv4 hosts, plus 12 for each IPv6 host. */
export function bodyLengthPosition(sysFlag: number): number {
  return (
    MessageRecordPosition.BORN_HOST +
    hostFieldBytes(sysFlag & MessageSysFlag.BORNHOST_V6) +
    hostFieldBytes(sysFlag & MessageSysFlag.STOREHOST_V6) +
    FIELDS_BETWEEN_HOSTS_AND_BODY_LENGTH
  );
}

/** Bytes of a host field (address + 4-byte port) for the given IPv6 flag bit, 0 meaning IPv4. */
export function hostFieldBytes(ipv6Flag: number): number {
  return (ipv6Flag === 0 ? IPV4_BYTES : IPV6_BYTES) + 4;
}

/** What a record holds. A decoded `MessageRecordView` satisfies it, so a record re-encodes as is. */
export interface MessageRecordFields {
  /** Default: V1, or V2 when the topic is longer than 127 UTF-8 bytes (autoMessageVersionOnTopicLen). */
  readonly version?: MessageVersion;
  /** Precomputed `crc32Positive(body)`, e.g. outside the append lock; computed when absent. */
  readonly bodyCrc?: number;
  readonly queueId: number;
  readonly flag: number;
  readonly queueOffset: number;
  readonly physicalOffset: number;
  /** Bits 0x10/0x20 are replaced by the address families of bornHost/storeHost. */
  readonly sysFlag: number;
  readonly bornTimestamp: number;
  readonly bornHost: SocketAddress;
  readonly storeTimestamp: number;
  readonly storeHost: SocketAddress;
  readonly reconsumeTimes: number;
  readonly preparedTransactionOffset: number;
  readonly body: Uint8Array;
  readonly topic: string;
  /** The docs/remoting-protocol.md#message-records properties text, or its UTF-8 bytes (a batch's inner properties arrive as bytes). */
  readonly properties: string | Uint8Array;
}

/** Variable parts of a record, for `messageRecordSize` without building fields. */
export interface MessageRecordShape {
  readonly bodyBytes: number;
  readonly topicBytes: number;
  readonly propertiesBytes: number;
  readonly bornHostIpv6: boolean;
  readonly storeHostIpv6: boolean;
  readonly version: MessageVersion;
}

/** Total record bytes for a shape: Java's `MessageExtEncoder.calMsgLength`. */
export function messageRecordSizeOf(shape: MessageRecordShape): number {
  return (
    88 +
    (shape.bornHostIpv6 ? 12 : 0) +
    (shape.storeHostIpv6 ? 12 : 0) +
    shape.bodyBytes +
    (shape.version === 1 ? 1 : 2) +
    shape.topicBytes +
    2 +
    shape.propertiesBytes
  );
}

/** Total bytes `encodeMessageRecordInto` will write for these fields. */
export function messageRecordSize(fields: MessageRecordFields): number {
  return measure(fields).totalSize;
}

/** Encodes into a new buffer of exactly the record's size. */
export function encodeMessageRecord(fields: MessageRecordFields): Buffer {
  const layout = measure(fields);
  const target = Buffer.allocUnsafe(layout.totalSize);
  writeRecord(target, 0, fields, layout);
  return target;
}

/**
 * Writes one record at `target[offset]` and returns the bytes written (its TOTALSIZE). Throws
 * MessageEncodeError, before writing anything, when the record does not fit or a field cannot be
 * represented (topic too long for the version, properties over 32767 bytes, unsafe 64-bit value).
 */
export function encodeMessageRecordInto(target: Buffer, offset: number, fields: MessageRecordFields): number {
  const layout = measure(fields);
  if (!Number.isInteger(offset) || offset < 0 || offset + layout.totalSize > target.length) {
    throw new MessageEncodeError(`a ${layout.totalSize}-byte record does not fit at offset ${offset} of a ${target.length}-byte buffer`);
  }
  writeRecord(target, offset, fields, layout);
  return layout.totalSize;
}

interface RecordLayout {
  readonly totalSize: number;
  readonly version: MessageVersion;
  readonly topicBytes: number;
  readonly propertiesBytes: number;
}

function measure(fields: MessageRecordFields): RecordLayout {
  const topicBytes = Buffer.byteLength(fields.topic, 'utf8');
  const properties = fields.properties;
  const propertiesBytes = typeof properties === 'string' ? Buffer.byteLength(properties, 'utf8') : properties.length;
  const version = fields.version ?? (topicBytes > MESSAGE_TOPIC_MAX_BYTES_V1 ? 2 : 1);
  const topicLimit = version === 1 ? MESSAGE_TOPIC_MAX_BYTES_V1 : MESSAGE_TOPIC_MAX_BYTES_V2;
  if (topicBytes > topicLimit) throw new MessageEncodeError(`topic of ${topicBytes} bytes exceeds ${topicLimit} for a V${version} record`);
  if (propertiesBytes > MESSAGE_PROPERTIES_MAX_BYTES) {
    throw new MessageEncodeError(`properties of ${propertiesBytes} bytes exceed ${MESSAGE_PROPERTIES_MAX_BYTES}`);
  }
  checkNumbers(fields);
  const bornHostIpv6 = hostIsIpv6(fields.bornHost, 'bornHost');
  const storeHostIpv6 = hostIsIpv6(fields.storeHost, 'storeHost');
  const bodyBytes = fields.body.length;
  const totalSize = messageRecordSizeOf({ bodyBytes, topicBytes, propertiesBytes, bornHostIpv6, storeHostIpv6, version });
  return { totalSize, version, topicBytes, propertiesBytes };
}

/** Every numeric check up front, so a rejected record leaves the target untouched. */
function checkNumbers(fields: MessageRecordFields): void {
  checkInt32(fields.queueId, 'queueId');
  checkInt32(fields.flag, 'flag');
  checkInt32(fields.sysFlag, 'sysFlag');
  checkInt32(fields.reconsumeTimes, 'reconsumeTimes');
  checkInt32(fields.bornHost.port, 'bornHost.port');
  checkInt32(fields.storeHost.port, 'storeHost.port');
  if (fields.bodyCrc !== undefined) checkInt32(fields.bodyCrc, 'bodyCrc');
  checkInt64(fields.queueOffset, 'queueOffset');
  checkInt64(fields.physicalOffset, 'physicalOffset');
  checkInt64(fields.bornTimestamp, 'bornTimestamp');
  checkInt64(fields.storeTimestamp, 'storeTimestamp');
  checkInt64(fields.preparedTransactionOffset, 'preparedTransactionOffset');
}

function checkInt32(value: number, name: string): void {
  if ((value | 0) !== value) throw new MessageEncodeError(`${name} ${value} is not a 32-bit signed integer`);
}

function checkInt64(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new MessageEncodeError(`${name} ${value} is not a safe integer`);
}

function hostIsIpv6(host: SocketAddress, name: string): boolean {
  if (host.ip.length === IPV4_BYTES) return false;
  if (host.ip.length === IPV6_BYTES) return true;
  throw new MessageEncodeError(`${name} has a ${host.ip.length}-byte address; expected 4 or 16`);
}

/** Straight-line writes: every check already ran in `measure`. */
function writeRecord(target: Buffer, offset: number, fields: MessageRecordFields, layout: RecordLayout): void {
  const hostFlags =
    (fields.bornHost.ip.length === IPV6_BYTES ? MessageSysFlag.BORNHOST_V6 : 0) |
    (fields.storeHost.ip.length === IPV6_BYTES ? MessageSysFlag.STOREHOST_V6 : 0);
  const sysFlag = (fields.sysFlag & ~(MessageSysFlag.BORNHOST_V6 | MessageSysFlag.STOREHOST_V6)) | hostFlags;
  const at = MessageRecordPosition;
  target.writeInt32BE(layout.totalSize, offset + at.TOTAL_SIZE);
  target.writeInt32BE(layout.version === 1 ? MESSAGE_MAGIC_CODE_V1 : MESSAGE_MAGIC_CODE_V2, offset + at.MAGIC_CODE);
  target.writeInt32BE(fields.bodyCrc ?? crc32Positive(fields.body), offset + at.BODY_CRC);
  target.writeInt32BE(fields.queueId, offset + at.QUEUE_ID);
  target.writeInt32BE(fields.flag, offset + at.FLAG);
  writeInt64(target, fields.queueOffset, offset + at.QUEUE_OFFSET);
  writeInt64(target, fields.physicalOffset, offset + at.PHYSICAL_OFFSET);
  target.writeInt32BE(sysFlag, offset + at.SYS_FLAG);
  writeInt64(target, fields.bornTimestamp, offset + at.BORN_TIMESTAMP);
  let position = writeHost(target, offset + at.BORN_HOST, fields.bornHost);
  writeInt64(target, fields.storeTimestamp, position);
  position = writeHost(target, position + 8, fields.storeHost);
  target.writeInt32BE(fields.reconsumeTimes, position);
  writeInt64(target, fields.preparedTransactionOffset, position + 4);
  position += 12;
  target.writeInt32BE(fields.body.length, position);
  target.set(fields.body, position + 4);
  position += 4 + fields.body.length;
  if (layout.version === 1) target.writeInt8(layout.topicBytes, position++);
  else {
    target.writeInt16BE(layout.topicBytes, position);
    position += 2;
  }
  position += target.write(fields.topic, position, layout.topicBytes, 'utf8');
  target.writeInt16BE(layout.propertiesBytes, position);
  position += 2;
  const properties = fields.properties;
  if (typeof properties === 'string') target.write(properties, position, layout.propertiesBytes, 'utf8');
  else target.set(properties, position);
}

function writeHost(target: Buffer, position: number, host: SocketAddress): number {
  target.set(host.ip, position);
  position += host.ip.length;
  target.writeInt32BE(host.port, position);
  return position + 4;
}
