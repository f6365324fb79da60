import { Inject } from '@nestjs/common';

import { createOffsetMessageId, decodeMessageRecord, isWriteable, MessageConst, parseMessageProperties } from '@rocketmq-ts/model';
import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import { ConsumerSendMsgBackRequestHeader, createResponse, type RemotingCommand, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';

import { BROKER_CONFIG, BrokerLane, MESSAGE_PUT, MESSAGE_STORE } from '../broker.tokens';
import type { MessagePut } from '../put/message-put-service';
import { putStatusResponse } from '../put/put-status-response';
import type { BrokerConfig } from '../config/broker-config.schema';
import { maxReconsumeTimesOf, retryDelayLevelOf, retryDestinationOf } from '../retry/retry-policy';
import { rebuildMessage } from '../schedule/message-to-store';
import { ScheduleMessageService } from '../schedule/schedule-message-service';
import { SubscriptionGroups, TopicConfigs } from '../consumer/consumer.ports';

export type SendBackStore = Pick<MessageStore, 'lookMessageByOffset'>;

/**
 * CONSUMER_SEND_MSG_BACK (36), docs/remoting-protocol.md#requests-the-broker-serves and
 * docs/store-and-ha.md#delay-retry-and-dead-letters: the consumer could not process
 * the message at commit-log `offset`; the broker re-stores a copy to `%RETRY%<group>` with a delay
 * level (so the schedule service redelivers it later), or to `%DLQ%<group>` when its retries are
 * used up. The copy counts one more reconsume and remembers its first topic and id.
 *
 * The copy goes through the put pipeline like a send: on a SYNC_MASTER the reply waits for a slave
 * to hold it, and a put that could not be made safe is answered with the code a send would get
 * (SLAVE_NOT_AVAILABLE with nothing stored, FLUSH_SLAVE_TIMEOUT), so the consumer falls back to
 * sending the retry itself rather than believing the broker holds it.
 */
@RemotingProcessor({ codes: [RequestCode.CONSUMER_SEND_MSG_BACK], lane: BrokerLane.SEND })
export class SendBackProcessor implements RemotingRequestHandler {
  constructor(
    private readonly topics: TopicConfigs,
    private readonly groups: SubscriptionGroups,
    private readonly schedule: ScheduleMessageService,
    @Inject(MESSAGE_STORE) private readonly store: SendBackStore,
    @Inject(MESSAGE_PUT) private readonly putter: MessagePut,
    @Inject(BROKER_CONFIG) private readonly config: Pick<BrokerConfig, 'brokerPermission'>,
  ) {}

  async handle(_context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> {
    const header = ConsumerSendMsgBackRequestHeader.decode(request.extFields);
    const group = this.groups.findSubscriptionGroup(header.group);
    if (group === undefined)
      return createResponse(request, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, {
        remark: `subscription group not exist, ${header.group}`,
      });
    if (!isWriteable(this.config.brokerPermission))
      return createResponse(request, ResponseCode.NO_PERMISSION, { remark: 'the broker sending message is forbidden' });
    // A group without retry queues has chosen to drop failed messages.
    if (group.retryQueueNums <= 0) return createResponse(request, ResponseCode.SUCCESS);

    const raw = await this.store.lookMessageByOffset(header.offset);
    if (raw === undefined)
      return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `look message by offset failed, ${header.offset}` });
    const record = decodeMessageRecord(raw);
    const properties = parseMessageProperties(record.properties);
    if (!properties.has(MessageConst.PROPERTY_RETRY_TOPIC)) properties.set(MessageConst.PROPERTY_RETRY_TOPIC, record.topic);

    const maxReconsumeTimes = maxReconsumeTimesOf(request.version, header.maxReconsumeTimes, group);
    const destination = retryDestinationOf(group, {
      reconsumeTimes: record.reconsumeTimes,
      maxReconsumeTimes,
      requestedLevel: header.delayLevel,
      unitMode: header.unitMode,
    });
    const topicConfig = this.topics.createTopicInSendMessageBackMethod(destination.topic, destination.spec);
    if (!isWriteable(topicConfig.perm))
      return createResponse(request, ResponseCode.NO_PERMISSION, {
        remark: `the topic[${destination.topic}] sending message is forbidden`,
      });

    if (destination.deadLetter) properties.delete(MessageConst.PROPERTY_DELAY_TIME_LEVEL);
    else properties.set(MessageConst.PROPERTY_DELAY_TIME_LEVEL, String(retryDelayLevelOf(header.delayLevel, record.reconsumeTimes)));
    if (!properties.has(MessageConst.PROPERTY_ORIGIN_MESSAGE_ID)) {
      properties.set(MessageConst.PROPERTY_ORIGIN_MESSAGE_ID, createOffsetMessageId(record.storeHost, record.physicalOffset));
    }
    properties.set(MessageConst.PROPERTY_WAIT_STORE_MSG_OK, 'false');

    const queueId = Math.floor(Math.random() * Math.max(1, topicConfig.writeQueueNums));
    const copy = rebuildMessage(record, { topic: destination.topic, queueId, properties, reconsumeTimes: record.reconsumeTimes + 1 });
    const put = await this.putter.put(this.schedule.wrapForDelay(copy), 'send-back');
    const { code, remark } = putStatusResponse(put.status, put.remark);
    return createResponse(request, code, { remark: code === ResponseCode.SUCCESS ? undefined : (put.remark ?? remark ?? put.status) });
  }
}
