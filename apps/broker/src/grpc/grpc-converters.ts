import { createHash } from 'node:crypto';

import {
  createOffsetMessageId,
  formatSocketAddress,
  MessageConst,
  type MessageRecordView,
  parseMessageProperties,
  RETRY_GROUP_TOPIC_PREFIX,
} from '@rocketmq-ts/model';
import { PopExtraInfo, ResponseCode } from '@rocketmq-ts/protocol';

import { toTimestamp, type V2Code, type V2Message, type V2MessageType } from './v2-types';

/** Property names that are RocketMQ's own; the rest are the user's (`user_properties`). */
const SYSTEM_PROPERTY_NAMES: ReadonlySet<string> = new Set(
  Object.entries(MessageConst)
    .filter(([key]) => key.startsWith('PROPERTY_'))
    .map(([, value]) => value),
);
/** sysFlag bit of a compressed body. */
const COMPRESSED_FLAG = 0x1;
const TRANSACTION_PREPARED_TYPE = 0x1 << 2;
const SHARDING_KEY = '__SHARDINGKEY';
const TIMER_DELIVER_MS = 'TIMER_DELIVER_MS';
const TRACE_CONTEXT = 'TRACE_CONTEXT';

/**
 * The receipt handle a gRPC client holds: the POP extraInfo plus the message's commit-log offset
 * (docs/grpc-and-pop.md#receipt-handles), which ForwardMessageToDeadLetterQueue needs.
 */
export interface GrpcReceiptHandle {
  readonly info: PopExtraInfo;
  readonly commitLogOffset: number | undefined;
}

export function encodeReceiptHandle(info: PopExtraInfo, commitLogOffset: number): string {
  return `${PopExtraInfo.encode(info)} ${commitLogOffset}`;
}

/** Undefined for a handle we did not issue (the caller answers INVALID_RECEIPT_HANDLE). */
export function decodeReceiptHandle(text: string): GrpcReceiptHandle | undefined {
  try {
    const info = PopExtraInfo.decode(text);
    if (info.queueOffset === undefined) return undefined;
    const commit = text.split(' ')[8];
    const commitLogOffset = commit !== undefined && /^\d+$/.test(commit) ? Number(commit) : undefined;
    return { info, commitLogOffset };
  } catch {
    return undefined;
  }
}

/** The v2 message type a stored message reads as: TRANSACTION > DELAY > FIFO > NORMAL, as the proxy infers it. */
export function messageTypeOf(properties: ReadonlyMap<string, string>, sysFlag: number): V2MessageType {
  if (properties.get(MessageConst.PROPERTY_TRANSACTION_PREPARED) === 'true' || (sysFlag & TRANSACTION_PREPARED_TYPE) !== 0)
    return 'TRANSACTION';
  if (properties.has(TIMER_DELIVER_MS) || properties.has(MessageConst.PROPERTY_DELAY_TIME_LEVEL)) return 'DELAY';
  if (properties.has(SHARDING_KEY)) return 'FIFO';
  return 'NORMAL';
}

/** A popped record as a v2 Message: the subscribed topic (not the retry topic), MD5 digest, delivery_attempt = reconsumeTimes + 1. */
export function toV2Message(record: MessageRecordView, receiptHandle: string, deliveryAttempt: number): V2Message {
  const properties = parseMessageProperties(record.properties);
  const user: Record<string, string> = {};
  for (const [name, value] of properties)
    if (!SYSTEM_PROPERTY_NAMES.has(name) && name !== SHARDING_KEY && name !== TIMER_DELIVER_MS && name !== TRACE_CONTEXT)
      user[name] = value;
  const topic = record.topic.startsWith(RETRY_GROUP_TOPIC_PREFIX)
    ? (properties.get(MessageConst.PROPERTY_RETRY_TOPIC) ?? record.topic)
    : record.topic;
  const keys = (properties.get(MessageConst.PROPERTY_KEYS) ?? '').split(' ').filter((key) => key !== '');
  const deliverMs = Number(properties.get(TIMER_DELIVER_MS));
  const body = Buffer.from(record.body);
  return {
    topic: { name: topic, resource_namespace: '' },
    user_properties: user,
    system_properties: {
      tag: properties.get(MessageConst.PROPERTY_TAGS),
      keys,
      message_id:
        properties.get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX) ??
        createOffsetMessageId(record.storeHost, record.physicalOffset),
      body_digest: { type: 'MD5', checksum: createHash('md5').update(body).digest('hex').toUpperCase() },
      body_encoding: (record.sysFlag & COMPRESSED_FLAG) !== 0 ? 'GZIP' : 'IDENTITY',
      message_type: messageTypeOf(properties, record.sysFlag),
      born_timestamp: toTimestamp(record.bornTimestamp),
      born_host: formatSocketAddress(record.bornHost),
      store_timestamp: toTimestamp(record.storeTimestamp),
      store_host: formatSocketAddress(record.storeHost),
      delivery_timestamp: Number.isFinite(deliverMs) && deliverMs > 0 ? toTimestamp(deliverMs) : undefined,
      receipt_handle: receiptHandle,
      queue_id: record.queueId,
      queue_offset: record.queueOffset,
      delivery_attempt: deliveryAttempt,
      message_group: properties.get(SHARDING_KEY),
      trace_context: properties.get(TRACE_CONTEXT),
    },
    body,
  };
}

/** A broker response code as the v2 Status code the proxy would answer with. */
export function v2CodeOf(responseCode: number): V2Code {
  switch (responseCode) {
    case ResponseCode.SUCCESS:
      return 'OK';
    case ResponseCode.TOPIC_NOT_EXIST:
      return 'TOPIC_NOT_FOUND';
    case ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST:
      return 'CONSUMER_GROUP_NOT_FOUND';
    case ResponseCode.NO_PERMISSION:
      return 'FORBIDDEN';
    case ResponseCode.MESSAGE_ILLEGAL:
    case ResponseCode.INVALID_PARAMETER:
      return 'BAD_REQUEST';
    case ResponseCode.FLUSH_DISK_TIMEOUT:
      return 'MASTER_PERSISTENCE_TIMEOUT';
    case ResponseCode.FLUSH_SLAVE_TIMEOUT:
      return 'SLAVE_PERSISTENCE_TIMEOUT';
    case ResponseCode.SLAVE_NOT_AVAILABLE:
      return 'HA_NOT_AVAILABLE';
    case ResponseCode.SYSTEM_BUSY:
    case ResponseCode.POLLING_FULL:
      return 'TOO_MANY_REQUESTS';
    case ResponseCode.NO_MESSAGE:
      return 'INVALID_RECEIPT_HANDLE';
    default:
      return 'INTERNAL_SERVER_ERROR';
  }
}
