import { Inject } from '@nestjs/common';

import { errorMessage } from '@rocketmq-ts/base';
import { type MessageQueue, systemTopicNames, type TopicConfig } from '@rocketmq-ts/model';
import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  CloneGroupOffsetRequestHeader,
  CreateTopicListRequestBody,
  createResponse,
  GroupList,
  QueryConsumeTimeSpanBody,
  QueryConsumeTimeSpanRequestHeader,
  QueryTopicsByConsumerRequestHeader,
  type QueueTimeSpan,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  TopicConfigAndQueueMapping,
  TopicList,
  TopicOnlyRequestHeader,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';
import type { Clock } from '@rocketmq-ts/base';

import { BROKER_CLOCK, BROKER_IDENTITY, BrokerLane, MESSAGE_STORE } from '../../broker.tokens';
import { ConsumerManager } from '../../clients/consumer-manager';
import type { BrokerIdentity } from '../../config/broker-identity';
import { ConsumerOffsetManager } from '../../offsets/consumer-offset-manager';
import { TopicConfigManager } from '../../topics/topic-config-manager';
import { topicProblem } from './topic-admin.processor';

/**
 * Read-mostly admin queries over topics, groups and offsets (docs/admin.md#request-codes):
 * GET_TOPIC_CONFIG (351), QUERY_TOPIC_CONSUME_BY_WHO (300), QUERY_TOPICS_BY_CONSUMER (343),
 * QUERY_CONSUME_TIME_SPAN (303), GET_SYSTEM_TOPIC_LIST_FROM_BROKER (305), CLONE_GROUP_OFFSET (314),
 * UPDATE_AND_CREATE_TOPIC_LIST (18) and CLEAN_EXPIRED_CONSUMEQUEUE (306).
 *
 * "Who consumes a topic" is, as in RocketMQ, the online groups subscribing to it plus every group
 * holding a committed offset for it. CLEAN_EXPIRED_CONSUMEQUEUE answers SUCCESS with nothing to
 * do: our store drops a topic's queues when the topic is deleted (215), so no orphaned queue
 * files are left to sweep.
 */
@RemotingProcessor({
  codes: [
    RequestCode.GET_TOPIC_CONFIG,
    RequestCode.QUERY_TOPIC_CONSUME_BY_WHO,
    RequestCode.QUERY_TOPICS_BY_CONSUMER,
    RequestCode.QUERY_CONSUME_TIME_SPAN,
    RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER,
    RequestCode.CLONE_GROUP_OFFSET,
    RequestCode.UPDATE_AND_CREATE_TOPIC_LIST,
    RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE,
  ],
  lane: BrokerLane.ADMIN,
})
export class AdminQueryProcessor implements RemotingRequestHandler {
  constructor(
    private readonly topics: TopicConfigManager,
    private readonly consumers: ConsumerManager,
    private readonly offsets: ConsumerOffsetManager,
    @Inject(MESSAGE_STORE) private readonly store: MessageStore,
    @Inject(BROKER_IDENTITY) private readonly identity: BrokerIdentity,
    @Inject(BROKER_CLOCK) private readonly clock: Clock,
  ) {}

  async handle(_context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> {
    switch (request.code) {
      case RequestCode.GET_TOPIC_CONFIG:
        return this.topicConfig(request);
      case RequestCode.QUERY_TOPIC_CONSUME_BY_WHO:
        return this.consumeByWho(request);
      case RequestCode.QUERY_TOPICS_BY_CONSUMER: {
        const { group } = QueryTopicsByConsumerRequestHeader.decode(request.extFields);
        return createResponse(request, ResponseCode.SUCCESS, {
          body: TopicList.encode({ topicList: this.offsets.topicsOfGroup(group), brokerAddr: this.identity.brokerAddr }),
        });
      }
      case RequestCode.QUERY_CONSUME_TIME_SPAN:
        return this.consumeTimeSpan(request);
      case RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER:
        return createResponse(request, ResponseCode.SUCCESS, { body: TopicList.encode({ topicList: systemTopicNames() }) });
      case RequestCode.CLONE_GROUP_OFFSET:
        return this.cloneGroupOffset(request);
      case RequestCode.UPDATE_AND_CREATE_TOPIC_LIST:
        return this.createTopicList(request);
      default:
        return createResponse(request, ResponseCode.SUCCESS);
    }
  }

  private topicConfig(request: RemotingCommand): RemotingCommand {
    const { topic } = TopicOnlyRequestHeader.decode(request.extFields);
    const config = this.topics.selectTopicConfig(topic);
    if (config === undefined)
      return createResponse(request, ResponseCode.TOPIC_NOT_EXIST, { remark: `No topic in this broker. topic: ${topic}` });
    return createResponse(request, ResponseCode.SUCCESS, { body: TopicConfigAndQueueMapping.encode(config) });
  }

  private consumeByWho(request: RemotingCommand): RemotingCommand {
    const { topic } = TopicOnlyRequestHeader.decode(request.extFields);
    const groups = new Set([...this.consumers.groupsSubscribing(topic), ...this.offsets.groupsOfTopic(topic)]);
    return createResponse(request, ResponseCode.SUCCESS, { body: GroupList.encode({ groupList: [...groups] }) });
  }

  private async consumeTimeSpan(request: RemotingCommand): Promise<RemotingCommand> {
    const { topic, group } = QueryConsumeTimeSpanRequestHeader.decode(request.extFields);
    const config = this.topics.selectTopicConfig(topic);
    if (config === undefined) return createResponse(request, ResponseCode.TOPIC_NOT_EXIST, { remark: `topic[${topic}] not exist` });
    const spans: QueueTimeSpan[] = [];
    for (let queueId = 0; queueId < config.writeQueueNums; queueId++) {
      const messageQueue: MessageQueue = { topic, brokerName: this.identity.brokerName, queueId };
      const maxOffset = this.store.getMaxOffsetInQueue(topic, queueId);
      const minTimeStamp = await this.store.getEarliestMessageTime(topic, queueId);
      const maxTimeStamp = maxOffset > 0 ? await this.store.getMessageStoreTimestamp(topic, queueId, maxOffset - 1) : 0;
      const consumerOffset = Math.max(0, this.offsets.queryOffset(group, topic, queueId));
      const consumeTimeStamp =
        consumerOffset > 0 ? await this.store.getMessageStoreTimestamp(topic, queueId, consumerOffset - 1) : minTimeStamp;
      // The age of the next unconsumed message; 0 when the group is caught up (Java would subtract -1 for an empty queue).
      const delayTime =
        consumerOffset < maxOffset ? this.clock.nowMs() - (await this.store.getMessageStoreTimestamp(topic, queueId, consumerOffset)) : 0;
      spans.push({ messageQueue, minTimeStamp, maxTimeStamp, consumeTimeStamp, delayTime });
    }
    return createResponse(request, ResponseCode.SUCCESS, { body: QueryConsumeTimeSpanBody.encode(spans) });
  }

  private cloneGroupOffset(request: RemotingCommand): RemotingCommand {
    const header = CloneGroupOffsetRequestHeader.decode(request.extFields);
    const topics = header.topic === undefined ? this.offsets.topicsOfGroup(header.srcGroup) : [header.topic];
    const online = this.consumers.getConsumerGroupInfo(header.srcGroup);
    for (const topic of topics) {
      if (this.topics.selectTopicConfig(topic) === undefined) continue;
      // Online, a source group that subscribes to other topics only is not cloned for this one (as Java).
      if (
        !header.offline &&
        online !== undefined &&
        online.subscriptions.size > 0 &&
        this.consumers.findSubscriptionData(header.srcGroup, topic) === undefined
      )
        continue;
      for (const [queueId, offset] of this.offsets.offsetsOf(header.srcGroup, topic))
        this.offsets.commitOffset(header.destGroup, topic, queueId, offset);
    }
    return createResponse(request, ResponseCode.SUCCESS);
  }

  private createTopicList(request: RemotingCommand): RemotingCommand {
    let configs: TopicConfig[];
    try {
      configs = CreateTopicListRequestBody.decode(request.body ?? Buffer.alloc(0));
    } catch (error) {
      return createResponse(request, ResponseCode.INVALID_PARAMETER, { remark: errorMessage(error) });
    }
    const problem = configs.map((config) => topicProblem(config.topicName)).find((one) => one !== undefined);
    if (problem !== undefined) return createResponse(request, ResponseCode.INVALID_PARAMETER, { remark: problem });
    for (const config of configs) this.topics.updateTopicConfig(config);
    return createResponse(request, ResponseCode.SUCCESS);
  }
}
