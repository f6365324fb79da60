import { buildPullSysFlag, compareMessageQueues, type MessageQueue } from '@rocketmq-ts/model';
import {
  PullMessageRequestHeader,
  PullMessageResponseHeader,
  RequestCode,
  ResponseCode,
  TopicQueueRequestHeader,
  OffsetResponseHeader,
} from '@rocketmq-ts/protocol';

import { decodeStoredMessages } from '../consumer/message-decoder';
import type { MessageExt } from '../consumer/message-ext';
import { MQAdminNotFoundError } from './admin-errors';
import { type AdminTransport, expectSuccess } from './admin-transport';
import { offsetAt } from './reset-offset';
import { routeBrokers, topicRoute } from './topic-queries';

/** Java's MixAll.TOOLS_CONSUMER_GROUP: the group admin pulls use; it never commits. */
export const TOOLS_CONSUMER_GROUP = 'TOOLS_CONSUMER';
const PULL_BATCH = 32;
const PULL_SYS_FLAG = buildPullSysFlag({ commitOffset: false, suspend: false, subscription: true });

export interface PulledBatch {
  readonly messages: MessageExt[];
  readonly nextBeginOffset: number;
  /** FOUND, or why nothing came: NO_NEW_MSG / NO_MATCHED_MSG (19, 20) or OFFSET_ILLEGAL (21). */
  readonly status: 'FOUND' | 'NOT_FOUND' | 'OFFSET_MOVED';
  readonly minOffset: number;
  readonly maxOffset: number;
}

export interface PullOnceArgs {
  readonly queue: MessageQueue;
  readonly offset: number;
  readonly maxMsgNums: number;
  readonly group?: string;
}

/** One PULL_MESSAGE without commit or suspension, as the tools consumer does. */
export async function pullOnce(
  transport: AdminTransport,
  addr: string,
  { queue, offset, maxMsgNums, group = TOOLS_CONSUMER_GROUP }: PullOnceArgs,
): Promise<PulledBatch> {
  const extFields = PullMessageRequestHeader.encode({
    consumerGroup: group,
    topic: queue.topic,
    queueId: queue.queueId,
    queueOffset: offset,
    maxMsgNums,
    sysFlag: PULL_SYS_FLAG,
    commitOffset: 0,
    suspendTimeoutMillis: 0,
    subscription: '*',
    subVersion: 0n,
    expressionType: 'TAG',
  });
  const response = expectSuccess(addr, await transport.broker(addr, { code: RequestCode.PULL_MESSAGE, extFields }), [
    ResponseCode.PULL_NOT_FOUND,
    ResponseCode.PULL_RETRY_IMMEDIATELY,
    ResponseCode.PULL_OFFSET_MOVED,
  ]);
  const header = PullMessageResponseHeader.decode(response.extFields);
  const status =
    response.code === ResponseCode.SUCCESS ? 'FOUND' : response.code === ResponseCode.PULL_OFFSET_MOVED ? 'OFFSET_MOVED' : 'NOT_FOUND';
  const messages = status === 'FOUND' && response.body !== undefined ? decodeStoredMessages(response.body, queue.brokerName) : [];
  return { messages, status, nextBeginOffset: header.nextBeginOffset, minOffset: header.minOffset, maxOffset: header.maxOffset };
}

async function brokerAddrOf(transport: AdminTransport, topic: string, brokerName: string): Promise<string> {
  const broker = routeBrokers(await topicRoute(transport, topic)).find((one) => one.brokerName === brokerName);
  if (broker === undefined) throw new MQAdminNotFoundError(`broker ${brokerName} serves no queue of ${topic}`);
  return broker.addr;
}

/** queryMsgByOffset: the message at `offset` of one queue (a PULL_MESSAGE of one message). */
export async function queryMessageByOffset(transport: AdminTransport, queue: MessageQueue, offset: number): Promise<MessageExt> {
  const addr = await brokerAddrOf(transport, queue.topic, queue.brokerName);
  const batch = await pullOnce(transport, addr, { queue, offset, maxMsgNums: 1 });
  const message = batch.messages.find((one) => one.queueOffset === offset);
  if (message === undefined) {
    throw new MQAdminNotFoundError(
      `no message at offset ${offset} of ${queue.topic} ${queue.brokerName}/${queue.queueId} (queue holds [${batch.minOffset}, ${batch.maxOffset}))`,
    );
  }
  return message;
}

export interface ConsumeMessagesRequest {
  readonly topic: string;
  /** Only this broker's queues (required with `offset`). */
  readonly brokerName?: string;
  /** Only this queue (required with `offset`). */
  readonly queueId?: number;
  /** Start here instead of at the queue's first message or `beginTimestamp`. */
  readonly offset?: number;
  readonly beginTimestamp?: number;
  readonly endTimestamp?: number;
  /** At most this many messages in all. Default 128, as mqadmin consumeMessage. */
  readonly count?: number;
  readonly group?: string;
}

/**
 * consumeMessage: pulls (never commits) each chosen queue from `offset`, the first message at or
 * after `beginTimestamp`, or its start, up to the first message at or after `endTimestamp` or its
 * end, until `count` messages are in hand. Queues go in broker-name, queue-id order.
 */
export async function consumeMessages(transport: AdminTransport, request: ConsumeMessagesRequest): Promise<MessageExt[]> {
  const route = await topicRoute(transport, request.topic);
  const limit = request.count ?? 128;
  const collected: MessageExt[] = [];
  for (const { queue, addr } of queuesOf(route, request)) {
    if (collected.length >= limit) break;
    let offset =
      request.offset ??
      (request.beginTimestamp !== undefined
        ? await offsetAt(transport, addr, { topic: queue.topic, queueId: queue.queueId, timestamp: request.beginTimestamp })
        : await minOffset(transport, addr, queue));
    const end =
      request.endTimestamp !== undefined
        ? await offsetAt(transport, addr, { topic: queue.topic, queueId: queue.queueId, timestamp: request.endTimestamp })
        : Number.MAX_SAFE_INTEGER;
    while (offset < end && collected.length < limit) {
      const batch = await pullOnce(transport, addr, {
        queue,
        offset,
        maxMsgNums: Math.min(PULL_BATCH, limit - collected.length),
        group: request.group,
      });
      if (batch.status === 'OFFSET_MOVED' && batch.nextBeginOffset > offset) {
        offset = batch.nextBeginOffset;
        continue;
      }
      if (batch.status !== 'FOUND' || batch.messages.length === 0) break;
      for (const message of batch.messages) if (message.queueOffset < end && collected.length < limit) collected.push(message);
      offset = batch.nextBeginOffset;
    }
  }
  return collected;
}

function queuesOf(
  route: Awaited<ReturnType<typeof topicRoute>>,
  request: ConsumeMessagesRequest,
): Array<{ readonly queue: MessageQueue; readonly addr: string }> {
  const targets: Array<{ readonly queue: MessageQueue; readonly addr: string }> = [];
  for (const broker of routeBrokers(route)) {
    if (request.brokerName !== undefined && broker.brokerName !== request.brokerName) continue;
    const readQueueNums = route.queueDatas.find((data) => data.brokerName === broker.brokerName)?.readQueueNums ?? 0;
    for (let queueId = 0; queueId < readQueueNums; queueId += 1) {
      if (request.queueId === undefined || request.queueId === queueId)
        targets.push({ queue: { topic: request.topic, brokerName: broker.brokerName, queueId }, addr: broker.addr });
    }
  }
  if (targets.length === 0)
    throw new MQAdminNotFoundError(
      `no readable queue of ${request.topic} matches broker ${request.brokerName ?? '*'} queue ${request.queueId ?? '*'}`,
    );
  return targets.sort((left, right) => compareMessageQueues(left.queue, right.queue));
}

async function minOffset(transport: AdminTransport, addr: string, queue: MessageQueue): Promise<number> {
  const response = await transport.broker(addr, {
    code: RequestCode.GET_MIN_OFFSET,
    extFields: TopicQueueRequestHeader.encode({ topic: queue.topic, queueId: queue.queueId }),
  });
  return OffsetResponseHeader.decode(expectSuccess(addr, response).extFields).offset;
}
