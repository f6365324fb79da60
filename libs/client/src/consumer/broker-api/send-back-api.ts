import { ConsumerSendMsgBackRequestHeader, createRequest, RequestCode } from '@rocketmq-ts/protocol';

import type { MessageExt } from '../message-ext';
import type { BrokerCaller } from './broker-caller';

/** Straight to the DLQ, whatever the reconsume count (docs/remoting-protocol.md#requests-the-broker-serves). */
export const DELAY_LEVEL_DLQ = -1;
/** Let the broker pick `3 + reconsumeTimes`, as Java's default context does. */
export const DELAY_LEVEL_BROKER_DECIDES = 0;

export interface SendMessageBackArgs {
  readonly group: string;
  readonly message: MessageExt;
  readonly delayLevel: number;
  readonly maxReconsumeTimes: number;
}

/**
 * CONSUMER_SEND_MSG_BACK (36): the broker re-stores the message (found by commit-log offset) to
 * `%RETRY%<group>` with a delay, or to `%DLQ%<group>` once `maxReconsumeTimes` is used up.
 */
export async function sendMessageBack(
  caller: BrokerCaller,
  addr: string,
  { group, message, delayLevel, maxReconsumeTimes }: SendMessageBackArgs,
): Promise<void> {
  const extFields = ConsumerSendMsgBackRequestHeader.encode({
    offset: message.commitLogOffset,
    group,
    delayLevel,
    originMsgId: message.msgId,
    originTopic: message.topic,
    unitMode: false,
    maxReconsumeTimes,
    bname: message.brokerName,
  });
  await caller.success(addr, createRequest(RequestCode.CONSUMER_SEND_MSG_BACK, { extFields }));
}
