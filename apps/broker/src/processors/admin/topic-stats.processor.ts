import { Inject } from '@nestjs/common';

import { type MessageQueue, topicQueueCount } from '@rocketmq-ts/model';
import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  createResponse,
  GetTopicStatsInfoRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  type TopicOffset,
  TopicStatsTable,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';

import type { BrokerIdentity } from '../../config/broker-identity';
import { TopicConfigManager } from '../../topics/topic-config-manager';
import { BROKER_IDENTITY, BrokerLane, MESSAGE_STORE } from '../../broker.tokens';

/**
 * GET_TOPIC_STATS_INFO (202): min/max offset and last store time of every queue of a topic
 * (`mqadmin topicStatus`, the exporter's topic offsets). Body keys are MessageQueue objects
 * (fastjson's non-string keys, docs/remoting-protocol.md#json-bodies).
 */
@RemotingProcessor({ codes: [RequestCode.GET_TOPIC_STATS_INFO], lane: BrokerLane.ADMIN })
export class TopicStatsProcessor implements RemotingRequestHandler {
  constructor(
    private readonly topics: TopicConfigManager,
    @Inject(MESSAGE_STORE) private readonly store: MessageStore,
    @Inject(BROKER_IDENTITY) private readonly identity: BrokerIdentity,
  ) {}

  async handle(_context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> {
    const { topic } = GetTopicStatsInfoRequestHeader.decode(request.extFields);
    const config = this.topics.selectTopicConfig(topic);
    if (config === undefined) return createResponse(request, ResponseCode.TOPIC_NOT_EXIST, { remark: `topic[${topic}] not exist` });
    const offsetTable: Array<readonly [MessageQueue, TopicOffset]> = [];
    for (let queueId = 0; queueId < topicQueueCount(config); queueId++) {
      const maxOffset = this.store.getMaxOffsetInQueue(topic, queueId);
      const minOffset = this.store.getMinOffsetInQueue(topic, queueId);
      const lastUpdateTimestamp = maxOffset > 0 ? Math.max(0, await this.store.getMessageStoreTimestamp(topic, queueId, maxOffset - 1)) : 0;
      offsetTable.push([
        { topic, brokerName: this.identity.brokerName, queueId },
        { minOffset, maxOffset, lastUpdateTimestamp },
      ]);
    }
    return createResponse(request, ResponseCode.SUCCESS, { body: TopicStatsTable.encode({ offsetTable, topicPutTps: 0 }) });
  }
}
