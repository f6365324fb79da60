import { Inject } from '@nestjs/common';

import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  BrokerStatsData,
  type ConsumeStats,
  ConsumeStatsList,
  createResponse,
  GetConsumeStatsInBrokerHeader,
  type OffsetWrapper,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  ViewBrokerStatsDataRequestHeader,
} from '@rocketmq-ts/protocol';
import type { MessageQueue } from '@rocketmq-ts/model';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';

import { BROKER_IDENTITY, BrokerLane, MESSAGE_STORE } from '../../broker.tokens';
import { ConsumerManager } from '../../clients/consumer-manager';
import type { BrokerIdentity } from '../../config/broker-identity';
import { ConsumerOffsetManager } from '../../offsets/consumer-offset-manager';
import { BrokerStatsManager } from '../../stats/broker-stats-manager';
import { SubscriptionGroupManager } from '../../subscriptions/subscription-group-manager';
import { TopicConfigManager } from '../../topics/topic-config-manager';

/**
 * The stats windows over the wire (docs/admin.md#stats-windows): VIEW_BROKER_STATS_DATA (315),
 * one item's minute/hour/day figures (`mqadmin statsAll`, the dashboard's collector), and
 * GET_BROKER_CONSUME_STATS (317), every group's offsets and lag on this broker (`mqadmin
 * brokerConsumeStats`). An unknown item answers SYSTEM_ERROR with Java's remark, which the tools
 * treat as "no traffic".
 */
@RemotingProcessor({ codes: [RequestCode.VIEW_BROKER_STATS_DATA, RequestCode.GET_BROKER_CONSUME_STATS], lane: BrokerLane.ADMIN })
export class BrokerStatsProcessor implements RemotingRequestHandler {
  constructor(
    private readonly stats: BrokerStatsManager,
    private readonly topics: TopicConfigManager,
    private readonly groups: SubscriptionGroupManager,
    private readonly consumers: ConsumerManager,
    private readonly offsets: ConsumerOffsetManager,
    @Inject(MESSAGE_STORE) private readonly store: MessageStore,
    @Inject(BROKER_IDENTITY) private readonly identity: BrokerIdentity,
  ) {}

  handle(_context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> | RemotingCommand {
    return request.code === RequestCode.VIEW_BROKER_STATS_DATA ? this.viewStats(request) : this.brokerConsumeStats(request);
  }

  private viewStats(request: RemotingCommand): RemotingCommand {
    const { statsName, statsKey } = ViewBrokerStatsDataRequestHeader.decode(request.extFields);
    const item = this.stats.statsItem(statsName, statsKey);
    if (item === undefined)
      return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `The stats <${statsName}> <${statsKey}> not exist` });
    const body = BrokerStatsData.encode({
      statsMinute: item.snapshot('minute'),
      statsHour: item.snapshot('hour'),
      statsDay: item.snapshot('day'),
    });
    return createResponse(request, ResponseCode.SUCCESS, { body });
  }

  private async brokerConsumeStats(request: RemotingCommand): Promise<RemotingCommand> {
    const { isOrder } = GetConsumeStatsInBrokerHeader.decode(request.extFields);
    const list: Array<readonly [string, ConsumeStats[]]> = [];
    let totalDiff = 0;
    for (const group of this.groups.subscriptionGroupTable.keys()) {
      const perTopic: ConsumeStats[] = [];
      const online = this.consumers.getConsumerGroupInfo(group);
      for (const topic of this.offsets.topicsOfGroup(group)) {
        const config = this.topics.selectTopicConfig(topic);
        if (config === undefined || (isOrder && !config.order)) continue;
        // An online group that no longer subscribes to the topic is left out, as in Java.
        if (online !== undefined && online.subscriptions.size > 0 && this.consumers.findSubscriptionData(group, topic) === undefined)
          continue;
        const offsetTable: Array<readonly [MessageQueue, OffsetWrapper]> = [];
        for (let queueId = 0; queueId < config.writeQueueNums; queueId++) {
          const brokerOffset = Math.max(0, this.store.getMaxOffsetInQueue(topic, queueId));
          const consumerOffset = Math.max(0, this.offsets.queryOffset(group, topic, queueId));
          const lastTimestamp =
            consumerOffset > 0 ? Math.max(0, await this.store.getMessageStoreTimestamp(topic, queueId, consumerOffset - 1)) : 0;
          offsetTable.push([
            { topic, brokerName: this.identity.brokerName, queueId },
            { brokerOffset, consumerOffset, lastTimestamp, pullOffset: consumerOffset },
          ]);
          totalDiff += brokerOffset - consumerOffset;
        }
        perTopic.push({ offsetTable, consumeTps: this.stats.groupGetTps(group, topic) });
      }
      list.push([group, perTopic]);
    }
    const body = ConsumeStatsList.encode({ brokerAddr: this.identity.brokerAddr, consumeStatsList: list, totalDiff, totalInflightDiff: 0 });
    return createResponse(request, ResponseCode.SUCCESS, { body });
  }
}
