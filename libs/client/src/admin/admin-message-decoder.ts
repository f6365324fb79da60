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
} from '@rocketmq-ts/model';

import type { MessageExt } from '../consumer/message-ext';

// Private to admin until the consumer's MessageExt decoder (consumer/message-decoder.ts) is
// committed; then this file should go and admin should call that one (dedup noted in the report).

/**
 * Stored records (a pull, query or view body) as MessageExt values, exactly as stored: no retry
 * topic rewrite, bodies inflated. Bodies are copied so results outlive the response buffer.
 */
export function decodeStoredMessages(body: Buffer, brokerName: string): MessageExt[] {
  const messages: MessageExt[] = [];
  for (const record of iterateMessageRecords(body)) messages.push(toMessageExt(record, brokerName));
  return messages;
}

function toMessageExt(record: MessageRecordView, brokerName: string): MessageExt {
  const properties: Record<string, string> = Object.fromEntries(parseMessageProperties(record.properties));
  const offsetMsgId = createOffsetMessageId(record.storeHost, record.physicalOffset);
  const keys = properties[MessageConst.PROPERTY_KEYS];
  const compressed = compressionTypeOf(record.sysFlag) === 'ZLIB';
  return {
    topic: record.topic,
    body: compressed ? inflateOrKeep(record.body) : Buffer.from(record.body),
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
    sysFlag: compressed ? record.sysFlag & ~MessageSysFlag.COMPRESSED : record.sysFlag,
    bodyCRC: record.bodyCrc,
    bornTimestamp: record.bornTimestamp,
    bornHost: formatSocketAddress(record.bornHost),
    storeTimestamp: record.storeTimestamp,
    storeHost: formatSocketAddress(record.storeHost),
    reconsumeTimes: record.reconsumeTimes,
    preparedTransactionOffset: record.preparedTransactionOffset,
  };
}

/** A body that will not inflate is shown as stored: an admin tool should still show the message. */
function inflateOrKeep(body: Buffer): Buffer {
  try {
    return inflateSync(body);
  } catch {
    return Buffer.from(body);
  }
}
