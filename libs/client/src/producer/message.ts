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
  /**
   * A 5.x timer message: delivered at this time (epoch ms or a Date), within the broker's
   * timerPrecisionMs after it and never before. Written as TIMER_DELIVER_MS, as Java's
   * Message#setDeliverTimeMs. A time already past is delivered at once.
   */
  readonly deliverAt?: number | Date;
  /** A 5.x timer message due this many ms after the broker stores it (TIMER_DELAY_MS, Java's setDelayTimeMs). */
  readonly delayMs?: number;
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
  checkDelivery(message);
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

/** User properties plus the ones RocketMQ defines for tags, keys, delay, timer, WAIT and UNIQ_KEY. */
export function messageProperties(message: Message, uniqKey: string): Record<string, string> {
  const properties: Record<string, string> = { ...message.properties };
  if (message.tags !== undefined) properties[MessageConst.PROPERTY_TAGS] = message.tags;
  if (message.keys !== undefined) {
    properties[MessageConst.PROPERTY_KEYS] = typeof message.keys === 'string' ? message.keys : message.keys.join(KEY_SEPARATOR);
  }
  if (message.delayLevel !== undefined && message.delayLevel > 0)
    properties[MessageConst.PROPERTY_DELAY_TIME_LEVEL] = String(message.delayLevel);
  if (message.deliverAt !== undefined) properties[MessageConst.PROPERTY_TIMER_DELIVER_MS] = String(epochMs(message.deliverAt));
  if (message.delayMs !== undefined) properties[MessageConst.PROPERTY_TIMER_DELAY_MS] = String(message.delayMs);
  // WAIT=true: a sync send is answered after the store (and flush, in SYNC_FLUSH mode).
  properties[MessageConst.PROPERTY_WAIT_STORE_MSG_OK] ??= 'true';
  properties[MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX] = uniqKey;
  return properties;
}

/**
 * One way of delaying at a time: a broker lets a delay level win over a timer and reads
 * TIMER_DELAY_MS before TIMER_DELIVER_MS, so a message with two would not do what it says.
 */
function checkDelivery(message: Message): void {
  const ways = [
    message.delayLevel !== undefined && message.delayLevel > 0,
    message.deliverAt !== undefined,
    message.delayMs !== undefined,
  ].filter(Boolean).length;
  if (ways > 1) throw illegal('set one of delayLevel, deliverAt and delayMs');
  if (message.deliverAt !== undefined && !Number.isSafeInteger(epochMs(message.deliverAt)))
    throw illegal(`deliverAt ${String(message.deliverAt)} is not a time in whole milliseconds`);
  if (message.delayMs !== undefined && !(Number.isSafeInteger(message.delayMs) && message.delayMs >= 0))
    throw illegal(`delayMs ${message.delayMs} is not a whole number of milliseconds >= 0`);
}

function epochMs(time: number | Date): number {
  return time instanceof Date ? time.getTime() : time;
}

export function illegal(message: string): MQClientError {
  return new MQClientError(message, { responseCode: ResponseCode.MESSAGE_ILLEGAL, retriable: false });
}
