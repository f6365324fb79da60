import { encodeMessageProperties, MessageConst, validateTopic } from '@rocketmq-ts/model';
import { ResponseCode } from '@rocketmq-ts/protocol';

import { MQClientError } from '../errors';

/** What an application sends. */
export interface Message {
  readonly topic: string;
  readonly body: Buffer | string;
  readonly tags?: string;
  /** Index keys; several are joined with a space, as RocketMQ stores them. */
  readonly keys?: string | readonly string[];
  readonly properties?: Readonly<Record<string, string>>;
  /** Delay level 1..18 (1s … 2h) of the broker's messageDelayLevel. */
  readonly delayLevel?: number;
}

/** Java's DefaultMQProducer.maxMessageSize: 4 MiB. */
export const DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;
const KEY_SEPARATOR = ' ';

export interface PreparedMessage {
  readonly topic: string;
  readonly body: Buffer;
  readonly uniqKey: string;
  readonly properties: string;
}

/**
 * Checks a message the way the broker would, so that obviously bad input fails before any network
 * call, and builds its properties string with TAGS, KEYS, DELAY, WAIT and a fresh UNIQ_KEY.
 */
export function prepareMessage(message: Message, uniqKey: string, maxMessageSize: number): PreparedMessage {
  const body = checkedBody(message, maxMessageSize);
  return { topic: message.topic, body, uniqKey, properties: encodeMessageProperties(messageProperties(message, uniqKey)) };
}

/** The body as bytes, after the topic, emptiness and size checks; throws MESSAGE_ILLEGAL. */
export function checkedBody(message: Message, maxMessageSize: number): Buffer {
  const validation = validateTopic(message.topic);
  if (!validation.valid) throw illegal(`invalid topic ${JSON.stringify(message.topic)}: ${validation.reason}`);
  const body = typeof message.body === 'string' ? Buffer.from(message.body, 'utf8') : message.body;
  if (body.length === 0) throw illegal('the message body is empty');
  if (body.length > maxMessageSize) throw illegal(`the message body size ${body.length} is over the max value ${maxMessageSize}`);
  return body;
}

/** User properties plus the ones RocketMQ defines for tags, keys, delay, WAIT and UNIQ_KEY. */
export function messageProperties(message: Message, uniqKey: string): Record<string, string> {
  const properties: Record<string, string> = { ...message.properties };
  if (message.tags !== undefined) properties[MessageConst.PROPERTY_TAGS] = message.tags;
  if (message.keys !== undefined) {
    properties[MessageConst.PROPERTY_KEYS] = typeof message.keys === 'string' ? message.keys : message.keys.join(KEY_SEPARATOR);
  }
  if (message.delayLevel !== undefined && message.delayLevel > 0) properties[MessageConst.PROPERTY_DELAY_TIME_LEVEL] = String(message.delayLevel);
  // WAIT=true: a sync send is answered after the store (and flush, in SYNC_FLUSH mode).
  properties[MessageConst.PROPERTY_WAIT_STORE_MSG_OK] ??= 'true';
  properties[MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX] = uniqKey;
  return properties;
}

export function illegal(message: string): MQClientError {
  return new MQClientError(message, { responseCode: ResponseCode.MESSAGE_ILLEGAL, retriable: false });
}
