import { Inject } from '@nestjs/common';

import type { Clock } from '@rocketmq-ts/base';
import { PERM_READ_WRITE, retryTopicOf } from '@rocketmq-ts/model';
import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  createResponse,
  GetConsumerListByGroupRequestHeader,
  GetConsumerListByGroupResponseBody,
  HeartbeatData,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  UnregisterClientRequestHeader,
} from '@rocketmq-ts/protocol';
import {
  type ConnectionContext,
  describeMalformed,
  type MalformedRequestReporter,
  type RemotingRequestHandler,
} from '@rocketmq-ts/remoting';

import type { ClientChannel } from '../clients/client-channel';
import { ConsumerManager } from '../clients/consumer-manager';
import { ProducerManager } from '../clients/producer-manager';
import { SubscriptionGroupManager } from '../subscriptions/subscription-group-manager';
import { TopicConfigManager } from '../topics/topic-config-manager';
import { BROKER_CLOCK, BrokerLane, MALFORMED_REQUESTS } from '../broker.tokens';

const EMPTY_BODY = Buffer.alloc(0);

/**
 * Client registration (docs/remoting-protocol.md#requests-the-broker-serves): HEART_BEAT (34) registers producers and consumers on
 * this connection, creates each consumer group (if allowed) and its `%RETRY%<group>` topic;
 * UNREGISTER_CLIENT (35) removes them; GET_CONSUMER_LIST_BY_GROUP (38) lists the members a client
 * rebalances against. A closed connection leaves every group at once.
 *
 * Heartbeat reply: IS_SUPPORT_HEART_BEAT_V2=true, and IS_SUB_CHANGE = the real change flag for
 * V2 heartbeats (fingerprint ≠ 0), always true for V1 (ali-ons, GO, old Java), as Java replies.
 *
 * A group entry that cannot be decoded costs that group alone: the others in the heartbeat are
 * registered, the malformed one is reported (a rate-limited warning and a metric) and the reply is
 * SYSTEM_ERROR naming the field, so the client sees why its group gets nothing.
 */
@RemotingProcessor({
  codes: [RequestCode.HEART_BEAT, RequestCode.UNREGISTER_CLIENT, RequestCode.GET_CONSUMER_LIST_BY_GROUP],
  lane: BrokerLane.CLIENT,
})
export class ClientManageProcessor implements RemotingRequestHandler {
  private readonly watchedConnections = new Set<number>();

  constructor(
    private readonly producers: ProducerManager,
    private readonly consumers: ConsumerManager,
    private readonly groups: SubscriptionGroupManager,
    private readonly topics: TopicConfigManager,
    @Inject(BROKER_CLOCK) private readonly clock: Clock,
    @Inject(MALFORMED_REQUESTS) private readonly malformedRequests: MalformedRequestReporter,
  ) {}

  handle(context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    switch (request.code) {
      case RequestCode.HEART_BEAT:
        return this.heartbeat(context, request);
      case RequestCode.UNREGISTER_CLIENT:
        return this.unregisterClient(context, request);
      default:
        return this.consumerList(request);
    }
  }

  private heartbeat(context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    const { data, rejected } = HeartbeatData.decodeGroups(request.body ?? EMPTY_BODY);
    const channel = (): ClientChannel => ({
      connection: context,
      clientId: data.clientID,
      language: request.language,
      version: request.version,
      lastUpdateMs: this.clock.nowMs(),
    });
    let subscriptionChanged = false;
    for (const consumer of data.consumerDataSet) {
      const groupConfig = this.groups.findSubscriptionGroupConfig(consumer.groupName);
      if (groupConfig !== undefined) {
        this.topics.createTopicInSendMessageBackMethod(retryTopicOf(consumer.groupName), {
          queueNums: groupConfig.retryQueueNums,
          perm: PERM_READ_WRITE,
          topicSysFlag: 0,
        });
      }
      subscriptionChanged =
        this.consumers.registerConsumer(channel(), consumer, data.withoutSub).subscriptionChanged || subscriptionChanged;
    }
    for (const producer of data.producerDataSet) this.producers.registerProducer(producer.groupName, channel());
    this.watch(context);
    for (const error of rejected) this.malformedRequests.report(describeMalformed(context, request, error, data.clientID));
    const [firstRejected] = rejected;
    if (firstRejected !== undefined) {
      const registered = data.consumerDataSet.length + data.producerDataSet.length;
      return createResponse(request, ResponseCode.SYSTEM_ERROR, {
        remark: `${firstRejected.name}: ${firstRejected.message}; ${rejected.length} group(s) refused, ${registered} registered`,
      });
    }
    const isV2 = data.heartbeatFingerprint !== 0;
    return createResponse(request, ResponseCode.SUCCESS, {
      extFields: { IS_SUPPORT_HEART_BEAT_V2: 'true', IS_SUB_CHANGE: String(isV2 ? subscriptionChanged : true) },
    });
  }

  private unregisterClient(context: ConnectionContext, request: RemotingCommand): RemotingCommand {
    const header = UnregisterClientRequestHeader.decode(request.extFields);
    if (header.producerGroup) this.producers.unregisterProducer(header.producerGroup, context.id);
    if (header.consumerGroup) this.consumers.unregisterConsumer(header.consumerGroup, context.id);
    return createResponse(request, ResponseCode.SUCCESS);
  }

  private consumerList(request: RemotingCommand): RemotingCommand {
    const { consumerGroup } = GetConsumerListByGroupRequestHeader.decode(request.extFields);
    const consumerIdList = this.consumers.consumerIds(consumerGroup);
    if (consumerIdList.length === 0)
      return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `no consumer for this group, ${consumerGroup}` });
    return createResponse(request, ResponseCode.SUCCESS, { body: GetConsumerListByGroupResponseBody.encode({ consumerIdList }) });
  }

  private watch(context: ConnectionContext): void {
    if (this.watchedConnections.has(context.id)) return;
    this.watchedConnections.add(context.id);
    context.onClose(() => {
      this.watchedConnections.delete(context.id);
      this.producers.doChannelCloseEvent(context.id);
      this.consumers.doChannelCloseEvent(context.id);
    });
  }
}
