import { inflateSync } from 'node:zlib';

import {
  compressionTypeOf,
  createOffsetMessageId,
  formatSocketAddress,
  iterateMessageRecords,
  MessageConst,
  type MessageRecordView,
  MessageSysFlag,
  parseMessageProperties,
  retryTopicOf,
} from '@rocketmq-ts/model';

import type { MessageExt } from './message-ext';

export interface PullBodyContext {
  /** The broker group the queue belongs to (records do not carry it). */
  readonly brokerName: string;
  readonly consumerGroup: string;
  /** From the pull response; Java adds them to each message as MIN_OFFSET / MAX_OFFSET. */
  readonly minOffset: number;
  readonly maxOffset: number;
}

/**
 * A FOUND pull body (concatenated stored records) as MessageExt values: bodies inflated, ids and
 * tags read from the properties, and a retried message shown under its original topic as Java's
 * resetRetryAndNamespace does (queue id and offset stay those of the retry queue). Bodies are
 * views into `body`, which the consumer holds until the messages are consumed.
 */
export function decodePullBody(body: Buffer, context: PullBodyContext): MessageExt[] {
  const messages: MessageExt[] = [];
  const retryTopic = retryTopicOf(context.consumerGroup);
  const minOffset = String(context.minOffset);
  const maxOffset = String(context.maxOffset);
  const from: RecordSource = { brokerName: context.brokerName, copyBody: false };
  for (const record of iterateMessageRecords(body)) {
    const properties: Record<string, string> = Object.fromEntries(parseMessageProperties(record.properties));
    properties[MessageConst.PROPERTY_MIN_OFFSET] = minOffset;
    properties[MessageConst.PROPERTY_MAX_OFFSET] = maxOffset;
    const originTopic = properties[MessageConst.PROPERTY_RETRY_TOPIC];
    const topic = record.topic === retryTopic && originTopic !== undefined ? originTopic : record.topic;
    messages.push(toMessageExt(record, topic, properties, from));
  }
  return messages;
}

/**
 * Stored records (a pull, query or view body of an admin tool) exactly as stored: no retry topic
 * rewrite, no pull bounds, bodies inflated. Bodies are copied so results outlive the response buffer.
 */
export function decodeStoredMessages(body: Buffer, brokerName: string): MessageExt[] {
  const messages: MessageExt[] = [];
  const from: RecordSource = { brokerName, copyBody: true };
  for (const record of iterateMessageRecords(body)) {
    messages.push(toMessageExt(record, record.topic, Object.fromEntries(parseMessageProperties(record.properties)), from));
  }
  return messages;
}

/** Where a body's records come from, set once per body: their broker, and whether bodies outlive the buffer. */
interface RecordSource {
  readonly brokerName: string;
  readonly copyBody: boolean;
}

function toMessageExt(record: MessageRecordView, topic: string, properties: Record<string, string>, from: RecordSource): MessageExt {
  const { brokerName, copyBody } = from;
  const offsetMsgId = createOffsetMessageId(record.storeHost, record.physicalOffset);
  const keys = properties[MessageConst.PROPERTY_KEYS];
  const { body, sysFlag } = decompress(record, copyBody);
  return {
    topic,
    body,
    tags: properties[MessageConst.PROPERTY_TAGS],
    keys: keys === undefined ? [] : keys.split(MessageConst.KEY_SEPARATOR).filter((key) => key.length > 0),
    properties,
    msgId: properties[MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX] ?? offsetMsgId,
    offsetMsgId,
    brokerName,
    queueId: record.queueId,
    queueOffset: record.queueOffset,
    commitLogOffset: record.physicalOffset,
    storeSize: record.totalSize,
    sysFlag,
    bodyCRC: record.bodyCrc,
    bornTimestamp: record.bornTimestamp,
    bornHost: formatSocketAddress(record.bornHost),
    storeTimestamp: record.storeTimestamp,
    storeHost: formatSocketAddress(record.storeHost),
    reconsumeTimes: record.reconsumeTimes,
    preparedTransactionOffset: record.preparedTransactionOffset,
  };
}

/**
 * zlib bodies (every client but Java 5 with LZ4/ZSTD) are inflated and lose the COMPRESSED bit, as
 * in Java. A body we cannot inflate is delivered as stored with the bit still set, rather than
 * stalling its queue on a message no retry would ever decode.
 */
function decompress(record: MessageRecordView, copyBody: boolean): { body: Buffer; sysFlag: number } {
  if (compressionTypeOf(record.sysFlag) === 'ZLIB') {
    try {
      return { body: inflateSync(record.body), sysFlag: record.sysFlag & ~MessageSysFlag.COMPRESSED };
    } catch {
      // Delivered as stored, below.
    }
  }
  return { body: copyBody ? Buffer.from(record.body) : record.body, sysFlag: record.sysFlag };
}
