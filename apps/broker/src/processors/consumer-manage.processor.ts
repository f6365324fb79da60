import { Inject } from '@nestjs/common';

import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  createResponse,
  GetEarliestMsgStoretimeResponseHeader,
  OffsetResponseHeader,
  QueryConsumerOffsetRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  SearchOffsetRequestHeader,
  TopicQueueRequestHeader,
  UpdateConsumerOffsetRequestHeader,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';

import { BrokerLane, MESSAGE_STORE } from '../broker.tokens';
import { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';
import { SubscriptionGroups, TopicConfigs } from '../consumer/consumer.ports';

/** Java's remark, kept verbatim: operators grep for it. */
export const QUERY_OFFSET_NOT_FOUND_REMARK = 'Not found, V3_0_6_SNAPSHOT maybe this group consumer boot first';

/** What offset lookups need of the store. */
export type OffsetStore = Pick<
  MessageStore,
  'getMaxOffsetInQueue' | 'getMinOffsetInQueue' | 'getOffsetInQueueByTime' | 'getEarliestMessageTime'
>;

/**
 * Consumer offsets and queue boundaries, docs/remoting-protocol.md#requests-the-broker-serves–5.4: QUERY_CONSUMER_OFFSET (14),
 * UPDATE_CONSUMER_OFFSET (15), SEARCH_OFFSET_BY_TIMESTAMP (29), GET_MAX_OFFSET (30),
 * GET_MIN_OFFSET (31), GET_EARLIEST_MSG_STORETIME (32).
 */
@RemotingProcessor({
  codes: [
    RequestCode.QUERY_CONSUMER_OFFSET,
    RequestCode.UPDATE_CONSUMER_OFFSET,
    RequestCode.SEARCH_OFFSET_BY_TIMESTAMP,
    RequestCode.GET_MAX_OFFSET,
    RequestCode.GET_MIN_OFFSET,
    RequestCode.GET_EARLIEST_MSG_STORETIME,
  ],
  lane: BrokerLane.CONSUMER_MANAGE,
})
export class ConsumerManageProcessor implements RemotingRequestHandler {
  constructor(
    private readonly offsets: ConsumerOffsetManager,
    private readonly topics: TopicConfigs,
    private readonly groups: SubscriptionGroups,
    @Inject(MESSAGE_STORE) private readonly store: OffsetStore,
  ) {}

  handle(_context: ConnectionContext, request: RemotingCommand): RemotingCommand | Promise<RemotingCommand> {
    switch (request.code) {
      case RequestCode.QUERY_CONSUMER_OFFSET:
        return this.queryConsumerOffset(request);
      case RequestCode.UPDATE_CONSUMER_OFFSET:
        return this.updateConsumerOffset(request);
      case RequestCode.SEARCH_OFFSET_BY_TIMESTAMP:
        return this.searchOffset(request);
      case RequestCode.GET_MAX_OFFSET:
      case RequestCode.GET_MIN_OFFSET:
        return this.queueBoundary(request);
      default:
        return this.earliestStoreTime(request);
    }
  }

  /**
   * A group with no stored offset gets 0 when the queue still starts at 0 — a brand-new queue —
   * so its first consumer reads everything instead of jumping to the end, and ali-ons (which
   * raises an error event on 22) stays quiet. Otherwise QUERY_NOT_FOUND lets the client apply its
   * consumeFromWhere. A Java broker also requires offset 0 to be in memory; ours reads it as cheaply
   * from disk, so the min offset alone decides.
   */
  private queryConsumerOffset(request: RemotingCommand): RemotingCommand {
    const header = QueryConsumerOffsetRequestHeader.decode(request.extFields);
    const offset = this.offsets.queryOffset(header.consumerGroup, header.topic, header.queueId);
    if (offset >= 0) return createResponse(request, ResponseCode.SUCCESS, { extFields: OffsetResponseHeader.encode({ offset }) });
    const newQueue = this.store.getMinOffsetInQueue(header.topic, header.queueId) <= 0;
    if (header.setZeroIfNotFound !== false && newQueue) {
      return createResponse(request, ResponseCode.SUCCESS, { extFields: OffsetResponseHeader.encode({ offset: 0 }) });
    }
    return createResponse(request, ResponseCode.QUERY_NOT_FOUND, { remark: QUERY_OFFSET_NOT_FOUND_REMARK });
  }

  /** ali-ons may commit -1 for a queue it never consumed: accepted, but it never replaces an offset. */
  private updateConsumerOffset(request: RemotingCommand): RemotingCommand {
    const header = UpdateConsumerOffsetRequestHeader.decode(request.extFields);
    if (this.groups.findSubscriptionGroup(header.consumerGroup) === undefined) {
      return createResponse(request, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, {
        remark: `subscription group not exist, ${header.consumerGroup}`,
      });
    }
    const topicConfig = this.topics.selectTopicConfig(header.topic);
    if (topicConfig === undefined)
      return createResponse(request, ResponseCode.TOPIC_NOT_EXIST, { remark: `topic not exist, ${header.topic}` });
    if (header.queueId < 0 || header.queueId >= Math.max(topicConfig.readQueueNums, topicConfig.writeQueueNums)) {
      return createResponse(request, ResponseCode.INVALID_PARAMETER, {
        remark: `queueId[${header.queueId}] is illegal, topic:[${header.topic}]`,
      });
    }
    if (header.commitOffset >= 0) this.offsets.commitOffset(header.consumerGroup, header.topic, header.queueId, header.commitOffset);
    return createResponse(request, ResponseCode.SUCCESS);
  }

  private async searchOffset(request: RemotingCommand): Promise<RemotingCommand> {
    const header = SearchOffsetRequestHeader.decode(request.extFields);
    const boundary = header.boundaryType?.toUpperCase() === 'UPPER' ? 'upper' : 'lower';
    const offset = await this.store.getOffsetInQueueByTime(header.topic, header.queueId, header.timestamp, boundary);
    return createResponse(request, ResponseCode.SUCCESS, { extFields: OffsetResponseHeader.encode({ offset }) });
  }

  /** `maxOffset` is the next offset to be written (the count ever written), not the last index. */
  private queueBoundary(request: RemotingCommand): RemotingCommand {
    const header = TopicQueueRequestHeader.decode(request.extFields);
    const offset =
      request.code === RequestCode.GET_MAX_OFFSET
        ? this.store.getMaxOffsetInQueue(header.topic, header.queueId)
        : this.store.getMinOffsetInQueue(header.topic, header.queueId);
    return createResponse(request, ResponseCode.SUCCESS, { extFields: OffsetResponseHeader.encode({ offset }) });
  }

  private async earliestStoreTime(request: RemotingCommand): Promise<RemotingCommand> {
    const header = TopicQueueRequestHeader.decode(request.extFields);
    const timestamp = await this.store.getEarliestMessageTime(header.topic, header.queueId);
    return createResponse(request, ResponseCode.SUCCESS, { extFields: GetEarliestMsgStoretimeResponseHeader.encode({ timestamp }) });
  }
}
