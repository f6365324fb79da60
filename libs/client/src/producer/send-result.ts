import type { MessageQueue } from '@rocketmq-ts/model';
import { type RemotingCommand, ResponseCode, SendMessageResponseHeader } from '@rocketmq-ts/protocol';

export type SendStatus = 'SEND_OK' | 'FLUSH_DISK_TIMEOUT' | 'FLUSH_SLAVE_TIMEOUT' | 'SLAVE_NOT_AVAILABLE';

export interface SendResult {
  readonly sendStatus: SendStatus;
  /** The client-made UNIQ_KEY: the id applications log and query by. */
  readonly msgId: string;
  /** The broker's id: store host + commit-log offset. */
  readonly offsetMsgId: string;
  readonly messageQueue: MessageQueue;
  readonly queueOffset: number;
}

/** The four codes a broker answers a stored message with; anything else is a failure. */
export function sendStatusOf(code: number): SendStatus | undefined {
  switch (code) {
    case ResponseCode.SUCCESS:
      return 'SEND_OK';
    case ResponseCode.FLUSH_DISK_TIMEOUT:
      return 'FLUSH_DISK_TIMEOUT';
    case ResponseCode.FLUSH_SLAVE_TIMEOUT:
      return 'FLUSH_SLAVE_TIMEOUT';
    case ResponseCode.SLAVE_NOT_AVAILABLE:
      return 'SLAVE_NOT_AVAILABLE';
    default:
      return undefined;
  }
}

/**
 * A SEND_BATCH_MESSAGE answer. As in Java, `msgId` and `offsetMsgId` are the messages' ids joined
 * with commas and `queueOffset` is the first message's; the lists give them one by one.
 */
export interface BatchSendResult extends SendResult {
  /** Each message's UNIQ_KEY, in the order sent. */
  readonly msgIds: readonly string[];
  /** Each message's broker id (store host + commit-log offset), in the order sent. */
  readonly offsetMsgIds: readonly string[];
}

export function toBatchSendResult(
  response: RemotingCommand,
  status: SendStatus,
  queue: MessageQueue,
  uniqKeys: readonly string[],
): BatchSendResult {
  const single = toSendResult(response, status, queue, uniqKeys.join(','));
  return { ...single, msgIds: uniqKeys, offsetMsgIds: single.offsetMsgId.split(',') };
}

export function toSendResult(response: RemotingCommand, status: SendStatus, queue: MessageQueue, uniqKey: string): SendResult {
  const header = SendMessageResponseHeader.decode(response.extFields);
  // The broker may have put the message on another queue id than asked (e.g. queueId < 0).
  return {
    sendStatus: status,
    msgId: uniqKey,
    offsetMsgId: header.msgId,
    messageQueue: { ...queue, queueId: header.queueId },
    queueOffset: header.queueOffset,
  };
}
