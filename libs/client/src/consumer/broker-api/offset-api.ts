import type { MessageQueue } from '@rocketmq-ts/model';
import {
  createRequest,
  OffsetResponseHeader,
  QueryConsumerOffsetRequestHeader,
  RequestCode,
  ResponseCode,
  SearchOffsetRequestHeader,
  TopicQueueRequestHeader,
  UpdateConsumerOffsetRequestHeader,
} from '@rocketmq-ts/protocol';

import { MQBrokerError } from '../../errors';
import type { BrokerCaller } from './broker-caller';

/** QUERY_CONSUMER_OFFSET (14): the group's stored offset, undefined when the broker has none (22). */
export async function queryConsumerOffset(
  caller: BrokerCaller,
  addr: string,
  group: string,
  queue: MessageQueue,
): Promise<number | undefined> {
  const extFields = QueryConsumerOffsetRequestHeader.encode({ consumerGroup: group, topic: queue.topic, queueId: queue.queueId });
  const response = await caller.call(addr, createRequest(RequestCode.QUERY_CONSUMER_OFFSET, { extFields }));
  if (response.code === ResponseCode.QUERY_NOT_FOUND) return undefined;
  if (response.code !== ResponseCode.SUCCESS) throw new MQBrokerError(addr, response.code, response.remark);
  return OffsetResponseHeader.decode(response.extFields).offset;
}

export interface UpdateConsumerOffsetArgs {
  readonly group: string;
  readonly queue: MessageQueue;
  readonly offset: number;
}

/** UPDATE_CONSUMER_OFFSET (15), answered (Java sends it one-way; we want to know it landed at shutdown). */
export async function updateConsumerOffset(
  caller: BrokerCaller,
  addr: string,
  { group, queue, offset }: UpdateConsumerOffsetArgs,
): Promise<void> {
  const extFields = UpdateConsumerOffsetRequestHeader.encode({
    consumerGroup: group,
    topic: queue.topic,
    queueId: queue.queueId,
    commitOffset: offset,
  });
  await caller.success(addr, createRequest(RequestCode.UPDATE_CONSUMER_OFFSET, { extFields }));
}

/** GET_MAX_OFFSET (30): the next offset to be written. */
export async function maxOffset(caller: BrokerCaller, addr: string, queue: MessageQueue): Promise<number> {
  const extFields = TopicQueueRequestHeader.encode({ topic: queue.topic, queueId: queue.queueId });
  const response = await caller.success(addr, createRequest(RequestCode.GET_MAX_OFFSET, { extFields }));
  return OffsetResponseHeader.decode(response.extFields).offset;
}

/** GET_MIN_OFFSET (31). */
export async function minOffset(caller: BrokerCaller, addr: string, queue: MessageQueue): Promise<number> {
  const extFields = TopicQueueRequestHeader.encode({ topic: queue.topic, queueId: queue.queueId });
  const response = await caller.success(addr, createRequest(RequestCode.GET_MIN_OFFSET, { extFields }));
  return OffsetResponseHeader.decode(response.extFields).offset;
}

/** SEARCH_OFFSET_BY_TIMESTAMP (29): the first offset stored at or after `timestamp`. */
export async function searchOffset(caller: BrokerCaller, addr: string, queue: MessageQueue, timestamp: number): Promise<number> {
  const extFields = SearchOffsetRequestHeader.encode({ topic: queue.topic, queueId: queue.queueId, timestamp });
  const response = await caller.success(addr, createRequest(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, { extFields }));
  return OffsetResponseHeader.decode(response.extFields).offset;
}
