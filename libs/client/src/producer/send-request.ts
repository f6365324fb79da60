import type { Clock } from '@rocketmq-ts/base';
import { AUTO_CREATE_TOPIC_KEY_TOPIC, type MessageQueue } from '@rocketmq-ts/model';
import { createRequest, type RemotingCommand, RequestCode, SendMessageRequestHeaderV2 } from '@rocketmq-ts/protocol';

import type { TopicPublishInfo } from '../route/topic-publish-info';

/** What goes on the wire for one send: a single message or an encoded batch. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly body: Buffer;
  /** The docs/remoting-protocol.md#message-records properties text of the header. */
  readonly properties: string;
  /** MessageSysFlag bits, e.g. COMPRESSED. */
  readonly sysFlag: number;
  /** SEND_BATCH_MESSAGE with an encodeBatchBody body instead of SEND_MESSAGE_V2. */
  readonly batch: boolean;
}

export interface SendRequestContext {
  readonly producerGroup: string;
  readonly defaultTopicQueueNums: number;
  /** Stamps bornTimestamp. */
  readonly clock: Clock;
}

/** SEND_MESSAGE_V2 (or SEND_BATCH_MESSAGE, same header) for `message` on `queue`. */
export function buildSendRequest(
  context: SendRequestContext,
  message: OutgoingMessage,
  queue: MessageQueue,
  info: TopicPublishInfo,
  oneway: boolean,
): RemotingCommand {
  const extFields = SendMessageRequestHeaderV2.encodeFromV1({
    producerGroup: context.producerGroup,
    topic: message.topic,
    defaultTopic: AUTO_CREATE_TOPIC_KEY_TOPIC,
    defaultTopicQueueNums: context.defaultTopicQueueNums,
    queueId: queue.queueId,
    sysFlag: message.sysFlag,
    bornTimestamp: context.clock.nowMs(),
    flag: 0,
    properties: message.properties,
    reconsumeTimes: 0,
    unitMode: false,
    batch: message.batch,
    // The broker name helps brokers serving several names (proxy, static topics); harmless otherwise.
    brokerName: info.fromDefaultTopic ? undefined : queue.brokerName,
  });
  const code = message.batch ? RequestCode.SEND_BATCH_MESSAGE : RequestCode.SEND_MESSAGE_V2;
  return createRequest(code, { extFields, body: message.body, oneway });
}
