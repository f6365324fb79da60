import { Inject } from '@nestjs/common';

import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  AckMessageRequestHeader,
  BatchAckMessageRequestBody,
  createResponse,
  HeaderError,
  PopExtraInfo,
  type PopRetryFlag,
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

interface OffsetsToCheck {
  readonly topic: string;
  readonly group: string;
  readonly retry: PopRetryFlag;
  readonly queueId: number;
  readonly offsets: readonly number[];
}

/**
 * ACK_MESSAGE (200051) and BATCH_ACK_MESSAGE (200151), docs/grpc-and-pop.md#ack: a popped message
 * is done. The handle (extraInfo) names the checkpoint; an offset outside its queue is NO_MESSAGE,
 * a handle that does not parse is INVALID_PARAMETER, and an ack of a checkpoint already revived is
 * a quiet success, as RocketMQ answers it.
 */
@RemotingProcessor({ codes: [RequestCode.ACK_MESSAGE, RequestCode.BATCH_ACK_MESSAGE], lane: BrokerLane.CONSUMER_MANAGE })
export class AckMessageProcessor implements RemotingRequestHandler {
  constructor(
    private readonly topics: TopicConfigs,
    private readonly pops: PopService,
    @Inject(MESSAGE_STORE) private readonly store: Pick<MessageStore, 'getMinOffsetInQueue' | 'getMaxOffsetInQueue'>,
  ) {}

  async handle(_context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> {
    try {
      return request.code === RequestCode.BATCH_ACK_MESSAGE ? await this.batch(request) : await this.single(request);
    } catch (error) {
      if (error instanceof HeaderError) return createResponse(request, ResponseCode.INVALID_PARAMETER, { remark: error.message });
      throw error;
    }
  }

  private async single(request: RemotingCommand): Promise<RemotingCommand> {
    const header = AckMessageRequestHeader.decode(request.extFields);
    const info = PopExtraInfo.decode(header.extraInfo);
    const refusal = this.checkOffsets({
      topic: header.topic,
      group: header.consumerGroup,
      retry: info.retry,
      queueId: header.queueId,
      offsets: [header.offset],
    });
    if (refusal !== undefined) return createResponse(request, refusal.code, { remark: refusal.remark });
    const outcome = await this.pops.ack(header.consumerGroup, header.topic, { ...info, queueId: header.queueId }, header.offset);
    return outcome.ok
      ? createResponse(request, ResponseCode.SUCCESS)
      : createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `ack not stored: ${outcome.remark ?? outcome.status}` });
  }

  private async batch(request: RemotingCommand): Promise<RemotingCommand> {
    if (request.body === undefined || request.body.length === 0)
      return createResponse(request, ResponseCode.INVALID_PARAMETER, { remark: 'batch ack body is empty' });
    const body = BatchAckMessageRequestBody.decode(request.body);
    for (const ack of body.acks) {
      const retry = ack.retry === '1' || ack.retry === '2' ? ack.retry : '0';
      const refusal = this.checkOffsets({ topic: ack.topic, group: ack.consumerGroup, retry, queueId: ack.queueId, offsets: ack.offsets });
      if (refusal !== undefined) return createResponse(request, refusal.code, { remark: refusal.remark });
      const info: PopExtraInfo = {
        ckQueueOffset: ack.startOffset,
        popTime: ack.popTime,
        invisibleTime: ack.invisibleTime,
        reviveQid: ack.reviveQueueId,
        retry,
        brokerName: body.brokerName,
        queueId: ack.queueId,
        queueOffset: undefined,
      };
      for (const offset of ack.offsets) {
        const outcome = await this.pops.ack(ack.consumerGroup, ack.topic, info, offset);
        if (!outcome.ok)
          return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `ack not stored: ${outcome.remark ?? outcome.status}` });
      }
    }
    return createResponse(request, ResponseCode.SUCCESS);
  }

  private checkOffsets({ topic, group, retry, queueId, offsets }: OffsetsToCheck): { code: number; remark: string } | undefined {
    const storedTopic = popStoredTopicOf(topic, group, retry);
    const config = this.topics.selectTopicConfig(storedTopic);
    if (config === undefined) return { code: ResponseCode.TOPIC_NOT_EXIST, remark: `topic[${storedTopic}] not exist, apply first please!` };
    if (queueId < 0 || queueId >= config.readQueueNums)
      return { code: ResponseCode.MESSAGE_ILLEGAL, remark: `queueId[${queueId}] is illegal, topic:[${storedTopic}]` };
    const min = this.store.getMinOffsetInQueue(storedTopic, queueId);
    const max = this.store.getMaxOffsetInQueue(storedTopic, queueId);
    const bad = offsets.find((offset) => offset < min || offset >= max);
    if (bad !== undefined)
      return {
        code: ResponseCode.NO_MESSAGE,
        remark: `offset is illegal, key:${storedTopic}@${queueId}, offset:${bad}, minOffset:${min}, maxOffset:${max}`,
      };
    return undefined;
  }
}
