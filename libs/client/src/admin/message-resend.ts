import { MessageConst, retryTopicOf } from '@rocketmq-ts/model';

import type { MessageExt } from '../consumer/message-ext';
import type { SendResult } from '../producer/send-result';
import { type AdminSendContext, sendAdminMessage } from './message-send';

/** Properties the broker or the producer set for one stored copy; a resend gets fresh ones. */
const PER_COPY_PROPERTIES: ReadonlySet<string> = new Set([
  MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX,
  MessageConst.PROPERTY_TAGS,
  MessageConst.PROPERTY_KEYS,
  MessageConst.PROPERTY_REAL_TOPIC,
  MessageConst.PROPERTY_REAL_QUEUE_ID,
  MessageConst.PROPERTY_WAIT_STORE_MSG_OK,
  'MIN_OFFSET',
  'MAX_OFFSET',
  'CONSUME_START_TIME',
  'TRAN_MSG',
  'PGROUP',
]);

/**
 * Redelivers a stored message to one consumer group only: it is produced again to the group's
 * %RETRY% topic, with RETRY_TOPIC naming the original topic (the consumer restores it, as for a
 * message the broker sent back) and ORIGIN_MESSAGE_ID the original id. Unlike Java's
 * CONSUME_MESSAGE_DIRECTLY (309) this needs no member of the group online: the message waits in
 * the retry topic. Used for a DLQ resend too (the original topic is then RETRY_TOPIC's value).
 */
export function resendToGroup(context: AdminSendContext, message: MessageExt, group: string): Promise<SendResult> {
  const properties: Record<string, string> = {};
  for (const [key, value] of Object.entries(message.properties)) if (!PER_COPY_PROPERTIES.has(key)) properties[key] = value;
  const originalTopic = message.properties[MessageConst.PROPERTY_RETRY_TOPIC] ?? message.topic;
  properties[MessageConst.PROPERTY_RETRY_TOPIC] = originalTopic;
  properties[MessageConst.PROPERTY_ORIGIN_MESSAGE_ID] ??= message.msgId;
  return sendAdminMessage(context, {
    topic: retryTopicOf(group),
    body: message.body,
    tags: message.tags,
    keys: message.keys.length > 0 ? message.keys.join(' ') : undefined,
    properties,
  });
}
