import { type BatchMessage, encodeBatchBody, encodeMessageProperties, isRetryTopic, MessageConst } from '@rocketmq-ts/model';

import { checkedBody, illegal, type Message, messageProperties } from './message';

export interface PreparedBatch {
  readonly topic: string;
  /** The SEND_BATCH_MESSAGE body: every message with its own properties (encodeBatchBody). */
  readonly body: Buffer;
  /** Header properties of the batch as a whole: only WAIT, shared by its messages. */
  readonly properties: string;
  /** Each message's UNIQ_KEY, in order. */
  readonly uniqKeys: readonly string[];
}

/**
 * Checks a batch as Java's MessageBatch.generateFromList and Validators do (one topic, not a retry
 * topic, no delay level or timer, one WAIT setting, each message valid, the encoded body within
 * `maxMessageSize`) and encodes it. Batches are never compressed, as in Java.
 */
export function prepareBatch(messages: readonly Message[], nextUniqKey: () => string, maxMessageSize: number): PreparedBatch {
  const first = messages[0];
  if (first === undefined) throw illegal('the batch holds no message');
  const topic = first.topic;
  if (isRetryTopic(topic)) throw illegal(`retry topics are not supported for batching: ${topic}`);
  const waitOf = (message: Message): string => message.properties?.[MessageConst.PROPERTY_WAIT_STORE_MSG_OK] ?? 'true';
  const wait = waitOf(first);
  const inner: BatchMessage[] = [];
  const uniqKeys: string[] = [];
  for (const message of messages) {
    if (message.topic !== topic) throw illegal(`the messages of one batch must share one topic: ${topic} and ${message.topic}`);
    if (message.delayLevel !== undefined && message.delayLevel > 0) throw illegal('delay levels are not supported for batching');
    // A broker stores a batch as it is: a timer in it would be delivered at once.
    if (message.deliverAt !== undefined || message.delayMs !== undefined)
      throw illegal('timer messages (deliverAt, delayMs) are not supported for batching');
    if (waitOf(message) !== wait) throw illegal('the messages of one batch must share one WAIT (waitStoreMsgOK) setting');
    const body = checkedBody(message, maxMessageSize);
    const uniqKey = nextUniqKey();
    uniqKeys.push(uniqKey);
    inner.push({ flag: 0, body, properties: encodeMessageProperties(messageProperties(message, uniqKey)) });
  }
  const body = encodeBatchBody(inner);
  if (body.length > maxMessageSize) throw illegal(`the batch body size ${body.length} is over the max value ${maxMessageSize}`);
  return { topic, body, properties: encodeMessageProperties({ [MessageConst.PROPERTY_WAIT_STORE_MSG_OK]: wait }), uniqKeys };
}
