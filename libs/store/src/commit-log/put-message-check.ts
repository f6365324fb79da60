/**
 * The checks a message must pass before it is encoded, as statuses with a remark (the broker
 * turns them into MESSAGE_ILLEGAL / response code 13 and friends). Cheap: byte lengths only.
 */
import { isDlqTopic, isRetryTopic, MESSAGE_PROPERTIES_MAX_BYTES, RETRY_OR_DLQ_TOPIC_MAX_BYTES, TOPIC_MAX_BYTES } from '@rocketmq-ts/model';

import type { PutMessageResult, PutMessageStatus } from '../message-store';

export function putMessageFailure(status: PutMessageStatus, remark: string): PutMessageResult {
  return { status, appendResult: undefined, remark };
}

/** Topic rules the store enforces: not blank, at most 127 bytes (255 for retry and DLQ topics). */
export function checkTopic(topic: string): PutMessageResult | undefined {
  if (topic.length === 0) return putMessageFailure('MESSAGE_ILLEGAL', 'topic is empty');
  const topicBytes = Buffer.byteLength(topic, 'utf8');
  const limit = isRetryTopic(topic) || isDlqTopic(topic) ? RETRY_OR_DLQ_TOPIC_MAX_BYTES : TOPIC_MAX_BYTES;
  if (topicBytes > limit) return putMessageFailure('MESSAGE_ILLEGAL', `topic of ${topicBytes} bytes exceeds ${limit}`);
  return undefined;
}

/** Body and properties limits of one (possibly inner) message. */
export function checkBodyAndProperties(body: Buffer, properties: string, maxMessageSizeBytes: number): PutMessageResult | undefined {
  if (body.length > maxMessageSizeBytes) {
    return putMessageFailure('MESSAGE_ILLEGAL', `message body of ${body.length} bytes exceeds maxMessageSize ${maxMessageSizeBytes}`);
  }
  // Most properties are ASCII: the UTF-16 length is a lower bound, so only long strings are measured.
  if (properties.length * 3 > MESSAGE_PROPERTIES_MAX_BYTES) {
    const propertiesBytes = Buffer.byteLength(properties, 'utf8');
    if (propertiesBytes > MESSAGE_PROPERTIES_MAX_BYTES) {
      return putMessageFailure('PROPERTIES_SIZE_EXCEEDED', `properties of ${propertiesBytes} bytes exceed ${MESSAGE_PROPERTIES_MAX_BYTES}`);
    }
  }
  return undefined;
}
