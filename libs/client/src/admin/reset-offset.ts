import { compareMessageQueues, type MessageQueue } from '@rocketmq-ts/model';
import {
  OffsetResponseHeader,
  RequestCode,
  ResetOffsetBody,
  ResetOffsetRequestHeader,
  ResponseCode,
  SearchOffsetRequestHeader,
  TopicQueueRequestHeader,
  type TopicRouteData,
  UpdateConsumerOffsetRequestHeader,
} from '@rocketmq-ts/protocol';

import { MQAdminNotFoundError } from './admin-errors';
import { type AdminTransport, expectSuccess, successBody } from './admin-transport';
import { routeBrokers, topicRoute } from './topic-queries';

export interface ResetOffsetRequest {
  readonly group: string;
  readonly topic: string;
  /** ms since the epoch; -1 = each queue's end (skip the backlog). */
  readonly timestamp: number;
  /** Move offsets forward too (mqadmin's -f, default true). */
  readonly force?: boolean;
  /** Only this broker (with queueId and offset: that one queue to that offset). */
  readonly brokerAddr?: string;
  readonly queueId?: number;
  readonly offset?: number;
}

export interface QueueOffset {
  readonly queue: MessageQueue;
  readonly offset: number;
}

/**
 * resetOffsetByTime: INVOKE_BROKER_TO_RESET_OFFSET on every broker of the topic; each broker moves
 * its table and tells the online members (RESET_CONSUMER_CLIENT_OFFSET). A broker that refuses with
 * CONSUMER_NOT_ONLINE (Java brokers without server-side reset) gets Java's old-style fallback:
 * offset searched per queue, then committed with UPDATE_CONSUMER_OFFSET.
 */
export async function resetOffsetByTime(transport: AdminTransport, request: ResetOffsetRequest): Promise<QueueOffset[]> {
  const route = await topicRoute(transport, request.topic);
  const brokers = routeBrokers(route).filter((broker) => request.brokerAddr === undefined || broker.addr === request.brokerAddr);
  if (request.brokerAddr !== undefined && brokers.length === 0) brokers.push({ brokerName: '', addr: request.brokerAddr });
  const extFields = ResetOffsetRequestHeader.encode({
    topic: request.topic,
    group: request.group,
    timestamp: request.timestamp,
    isForce: request.force ?? true,
    queueId: request.queueId,
    offset: request.offset,
  });
  const results: QueueOffset[] = [];
  for (const broker of brokers) {
    const response = await transport.broker(broker.addr, { code: RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, extFields });
    if (response.code === ResponseCode.CONSUMER_NOT_ONLINE) {
      results.push(...(await resetOneByOne(transport, request, { addr: broker.addr, brokerName: broker.brokerName, route })));
      continue;
    }
    for (const [queue, offset] of ResetOffsetBody.decode(successBody(broker.addr, response)).offsetTable) results.push({ queue, offset });
  }
  if (results.length === 0) throw new MQAdminNotFoundError(`no queue of ${request.topic} was reset for ${request.group}`);
  return results.sort((left, right) => compareMessageQueues(left.queue, right.queue));
}

interface ResetTarget {
  readonly addr: string;
  readonly brokerName: string;
  readonly route: TopicRouteData;
}

async function resetOneByOne(
  transport: AdminTransport,
  request: ResetOffsetRequest,
  { addr, brokerName, route }: ResetTarget,
): Promise<QueueOffset[]> {
  const readQueueNums = route.queueDatas.find((data) => data.brokerName === brokerName)?.readQueueNums ?? 0;
  const queueIds =
    request.queueId !== undefined && request.queueId >= 0
      ? [request.queueId]
      : Array.from({ length: readQueueNums }, (_, queueId) => queueId);
  const results: QueueOffset[] = [];
  for (const queueId of queueIds) {
    const offset = request.offset ?? (await offsetAt(transport, addr, { topic: request.topic, queueId, timestamp: request.timestamp }));
    const extFields = UpdateConsumerOffsetRequestHeader.encode({
      consumerGroup: request.group,
      topic: request.topic,
      queueId,
      commitOffset: offset,
    });
    expectSuccess(addr, await transport.broker(addr, { code: RequestCode.UPDATE_CONSUMER_OFFSET, extFields }));
    results.push({ queue: { topic: request.topic, brokerName, queueId }, offset });
  }
  return results;
}

export interface OffsetAtArgs {
  readonly topic: string;
  readonly queueId: number;
  readonly timestamp: number;
}

/** The first offset stored at or after `timestamp` (SEARCH_OFFSET_BY_TIMESTAMP), or the end for -1 (GET_MAX_OFFSET). */
export async function offsetAt(transport: AdminTransport, addr: string, { topic, queueId, timestamp }: OffsetAtArgs): Promise<number> {
  const response =
    timestamp < 0
      ? await transport.broker(addr, { code: RequestCode.GET_MAX_OFFSET, extFields: TopicQueueRequestHeader.encode({ topic, queueId }) })
      : await transport.broker(addr, {
          code: RequestCode.SEARCH_OFFSET_BY_TIMESTAMP,
          extFields: SearchOffsetRequestHeader.encode({ topic, queueId, timestamp }),
        });
  return OffsetResponseHeader.decode(expectSuccess(addr, response).extFields).offset;
}
