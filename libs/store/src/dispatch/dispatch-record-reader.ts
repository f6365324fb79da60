/**
 * Reads what the dispatcher needs from one stored record (layout: model's message-record.ts)
 * straight into a reused DispatchRequest: no view object, no sub-buffers, no property map. Only
 * the topic and properties text are decoded to strings. No CRC check: recovery already checked
 * the bytes on disk, and the writer checked them on the way in (docs/store-and-ha.md#consume-queues).
 */
import {
  BLANK_MAGIC_CODE,
  findMessageProperty,
  hostFieldBytes,
  isMessageMagicCode,
  javaStringHashCode,
  MESSAGE_MAGIC_CODE_V1,
  MESSAGE_RECORD_MIN_BYTES,
  MessageConst,
  MessageRecordPosition,
  MessageSysFlag,
  RMQ_SYS_SCHEDULE_TOPIC,
} from '@rocketmq-ts/model';
import { readInt64 } from '@rocketmq-ts/base';

import type { CommitLogChunk, DispatchRequest } from '../store-internals';

/** The BLANK end-of-segment marker: move to the next segment. */
export const READ_BLANK = 0;
/** The record runs past the bytes given: read more (or wait for the writer). */
export const READ_INCOMPLETE = -1;
/** Not a record: bad magic, or lengths that do not end exactly at TOTALSIZE. */
export const READ_CORRUPT = -2;

/** Delivery time of a message stored at `storeTimestampMs` with delay level `delayLevel` (broker's level table). */
export type DeliverTimestampOf = (delayLevel: number, storeTimestampMs: number) => number;

/** A DispatchRequest the reader fills in place, one record after another. */
export class MutableDispatchRequest implements DispatchRequest {
  topic = '';
  queueId = 0;
  commitLogOffset = 0;
  msgSize = 0;
  tagsCode = 0;
  storeTimestamp = 0;
  consumeQueueOffset = 0;
  keys: string | undefined = undefined;
  uniqKey: string | undefined = undefined;
  sysFlag = 0;
  preparedTransactionOffset = 0;
  /** The properties text, already decoded for TAGS and KEYS; long polling filters on it. */
  properties = '';
}

/**
 * Fills `target` from the record at `chunk.buffer[position]` and returns its size; or READ_BLANK,
 * READ_INCOMPLETE, READ_CORRUPT. Nothing past the chunk is read (the caller's chunk already stops at
 * the dispatch horizon).
 */
export function readDispatchRecord(
  chunk: CommitLogChunk,
  position: number,
  target: MutableDispatchRequest,
  deliverTimestampOf: DeliverTimestampOf | undefined = undefined,
): number {
  const source = chunk.buffer;
  const end = source.length;
  const commitLogOffset = chunk.startOffset + position;
  if (position + 8 > end) return READ_INCOMPLETE;
  const totalSize = source.readInt32BE(position);
  const magic = source.readInt32BE(position + MessageRecordPosition.MAGIC_CODE);
  if (magic === BLANK_MAGIC_CODE) return READ_BLANK;
  if (!isMessageMagicCode(magic) || totalSize < MESSAGE_RECORD_MIN_BYTES) return READ_CORRUPT;
  const recordEnd = position + totalSize;
  if (recordEnd > end) return READ_INCOMPLETE;

  const sysFlag = source.readInt32BE(position + MessageRecordPosition.SYS_FLAG);
  const bornHostBytes = hostFieldBytes(sysFlag & MessageSysFlag.BORNHOST_V6);
  const storeHostBytes = hostFieldBytes(sysFlag & MessageSysFlag.STOREHOST_V6);
  let at = position + MessageRecordPosition.BORN_HOST + bornHostBytes;
  const storeTimestamp = readInt64(source, at);
  at += 8 + storeHostBytes + 4;
  const preparedTransactionOffset = readInt64(source, at);
  at += 8;
  if (at + 4 > recordEnd) return READ_CORRUPT;
  at += 4 + source.readInt32BE(at);
  const topicLengthBytes = magic === MESSAGE_MAGIC_CODE_V1 ? 1 : 2;
  if (at < position || at + topicLengthBytes > recordEnd) return READ_CORRUPT;
  const topicLength = topicLengthBytes === 1 ? source.readInt8(at) : source.readInt16BE(at);
  at += topicLengthBytes;
  if (topicLength < 0 || at + topicLength + 2 > recordEnd) return READ_CORRUPT;
  const topic = source.toString('utf8', at, at + topicLength);
  at += topicLength;
  const propertiesLength = source.readInt16BE(at);
  at += 2;
  if (propertiesLength < 0 || at + propertiesLength !== recordEnd) return READ_CORRUPT;

  const properties = propertiesLength === 0 ? '' : source.toString('utf8', at, recordEnd);
  const tags = properties === '' ? undefined : findMessageProperty(properties, MessageConst.PROPERTY_TAGS);
  target.topic = topic;
  target.properties = properties;
  target.queueId = source.readInt32BE(position + MessageRecordPosition.QUEUE_ID);
  target.commitLogOffset = commitLogOffset;
  target.msgSize = totalSize;
  target.tagsCode = tags === undefined || tags.length === 0 ? 0 : javaStringHashCode(tags);
  if (deliverTimestampOf !== undefined && topic === RMQ_SYS_SCHEDULE_TOPIC) {
    // A delayed message's entry holds its delivery time instead (docs/store-and-ha.md#consume-queues,
    // docs/store-and-ha.md#delay-retry-and-dead-letters).
    const level = Number.parseInt(findMessageProperty(properties, MessageConst.PROPERTY_DELAY_TIME_LEVEL) ?? '', 10);
    if (level > 0) target.tagsCode = deliverTimestampOf(level, storeTimestamp);
  }
  target.storeTimestamp = storeTimestamp;
  target.consumeQueueOffset = readInt64(source, position + MessageRecordPosition.QUEUE_OFFSET);
  target.keys = properties === '' ? undefined : findMessageProperty(properties, MessageConst.PROPERTY_KEYS);
  target.uniqKey = properties === '' ? undefined : findMessageProperty(properties, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
  target.sysFlag = sysFlag;
  target.preparedTransactionOffset = preparedTransactionOffset;
  return totalSize;
}
