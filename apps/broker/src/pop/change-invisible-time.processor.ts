import { Inject } from '@nestjs/common';

import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  ChangeInvisibleTimeRequestHeader,
  ChangeInvisibleTimeResponseHeader,
  createResponse,
  HeaderError,
  PopExtraInfo,
  popStoredTopicOf,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';

import { BrokerLane, MESSAGE_STORE } from '../broker.tokens';
import { TopicConfigs } from '../consumer/consumer.ports';
import { PopService } from './pop-service';

/**
 * CHANGE_MESSAGE_INVISIBLETIME (200053), docs/grpc-and-pop.md#change-invisible-time: the message
 * shows again `invisibleTime` ms from now instead. The reply's popTime/invisibleTime/reviveQid make
 * the new handle (the client keeps the message's queue offset as its checkpoint start).
 */
@RemotingProcessor({ codes: [RequestCode.CHANGE_MESSAGE_INVISIBLETIME], lane: BrokerLane.CONSUMER_MANAGE })
export class ChangeInvisibleTimeProcessor implements RemotingRequestHandler {
  constructor(
    private readonly topics: TopicConfigs,
    private readonly pops: PopService,
    @Inject(MESSAGE_STORE) private readonly store: Pick<MessageStore, 'getMinOffsetInQueue' | 'getMaxOffsetInQueue'>,
  ) {}

  async handle(_context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> {
    let header: ChangeInvisibleTimeRequestHeader;
    let info: PopExtraInfo;
    try {
      header = ChangeInvisibleTimeRequestHeader.decode(request.extFields);
      info = PopExtraInfo.decode(header.extraInfo);
    } catch (error) {
      if (error instanceof HeaderError) return createResponse(request, ResponseCode.INVALID_PARAMETER, { remark: error.message });
      throw error;
    }
    if (header.invisibleTime < 0)
      return createResponse(request, ResponseCode.INVALID_PARAMETER, { remark: 'invisibleTime must not be negative' });
    const storedTopic = popStoredTopicOf(header.topic, header.consumerGroup, info.retry);
    if (this.topics.selectTopicConfig(storedTopic) === undefined)
      return createResponse(request, ResponseCode.TOPIC_NOT_EXIST, { remark: `topic[${storedTopic}] not exist, apply first please!` });
    const min = this.store.getMinOffsetInQueue(storedTopic, header.queueId);
    const max = this.store.getMaxOffsetInQueue(storedTopic, header.queueId);
    if (header.offset < min || header.offset >= max) {
      return createResponse(request, ResponseCode.NO_MESSAGE, {
        remark: `offset is illegal, key:${storedTopic}@${header.queueId}, offset:${header.offset}, minOffset:${min}, maxOffset:${max}`,
      });
    }
    const changed = await this.pops.changeInvisibleTime(
      header.consumerGroup,
      header.topic,
      { ...info, queueId: header.queueId },
      { queueOffset: header.offset, invisibleTime: header.invisibleTime },
    );
    if (!changed.ok)
      return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `checkpoint not stored: ${changed.remark ?? changed.status}` });
    const extFields = ChangeInvisibleTimeResponseHeader.encode({
      popTime: changed.popTime,
      invisibleTime: header.invisibleTime,
      reviveQid: changed.reviveQid,
    });
    return createResponse(request, ResponseCode.SUCCESS, { extFields });
  }
}
