import { Inject } from '@nestjs/common';

import { createTopicConfig, isSystemTopic, isValidPerm, type TopicFilterType, validateTopic } from '@rocketmq-ts/model';
import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  CreateTopicRequestHeader,
  createResponse,
  DataVersion,
  DeleteTopicRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  TopicConfigSerializeWrapper,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';

import type { BrokerMetrics } from '../../metrics/broker-metrics';
import { TopicConfigManager } from '../../topics/topic-config-manager';
import { BROKER_METRICS, BrokerLane, MESSAGE_STORE } from '../../broker.tokens';
import { parseTopicAttributes } from './topic-attributes';

const MAX_QUEUE_NUMS = 1024 * 16;

/**
 * Topic administration (docs/remoting-protocol.md#requests-the-broker-serves): UPDATE_AND_CREATE_TOPIC (17), DELETE_TOPIC_IN_BROKER
 * (215), GET_ALL_TOPIC_CONFIG (21). Creating or deleting re-registers with the name servers at
 * once (TopicConfigManager's change listener); admin tools delete the name-server route (216)
 * themselves.
 */
@RemotingProcessor({
  codes: [RequestCode.UPDATE_AND_CREATE_TOPIC, RequestCode.DELETE_TOPIC_IN_BROKER, RequestCode.GET_ALL_TOPIC_CONFIG],
  lane: BrokerLane.ADMIN,
})
export class TopicAdminProcessor implements RemotingRequestHandler {
  constructor(
    private readonly topics: TopicConfigManager,
    @Inject(MESSAGE_STORE) private readonly store: MessageStore,
    @Inject(BROKER_METRICS) private readonly metrics: BrokerMetrics,
  ) {}

  async handle(_context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> {
    switch (request.code) {
      case RequestCode.UPDATE_AND_CREATE_TOPIC:
        return this.updateAndCreateTopic(request);
      case RequestCode.DELETE_TOPIC_IN_BROKER:
        return this.deleteTopic(request);
      default:
        return this.allTopicConfig(request);
    }
  }

  private updateAndCreateTopic(request: RemotingCommand): RemotingCommand {
    const header = CreateTopicRequestHeader.decode(request.extFields);
    const problem = topicProblem(header.topic) ?? queueProblem(header);
    if (problem !== undefined) return createResponse(request, ResponseCode.INVALID_PARAMETER, { remark: problem });
    const attributes = parseTopicAttributes(header.attributes);
    if (typeof attributes === 'string') return createResponse(request, ResponseCode.INVALID_PARAMETER, { remark: attributes });
    const config = createTopicConfig(header.topic, {
      readQueueNums: header.readQueueNums,
      writeQueueNums: header.writeQueueNums,
      perm: header.perm,
      topicFilterType: header.topicFilterType === 'MULTI_TAG' ? 'MULTI_TAG' : ('SINGLE_TAG' satisfies TopicFilterType),
      topicSysFlag: header.topicSysFlag ?? 0,
      order: header.order,
      attributes,
    });
    this.topics.updateTopicConfig(config);
    return createResponse(request, ResponseCode.SUCCESS);
  }

  private async deleteTopic(request: RemotingCommand): Promise<RemotingCommand> {
    const { topic } = DeleteTopicRequestHeader.decode(request.extFields);
    const problem = topicProblem(topic);
    if (problem !== undefined) return createResponse(request, ResponseCode.INVALID_PARAMETER, { remark: problem });
    this.topics.deleteTopicConfig(topic);
    await this.store.deleteTopics([topic]);
    this.metrics.forgetTopic(topic);
    return createResponse(request, ResponseCode.SUCCESS);
  }

  private allTopicConfig(request: RemotingCommand): RemotingCommand {
    const dataVersion = this.topics.dataVersion;
    const body = TopicConfigSerializeWrapper.encode({
      topicConfigTable: this.topics.topicConfigTable,
      dataVersion,
      mappingDataVersion: { ...DataVersion.ZERO, timestamp: dataVersion.timestamp },
      topicQueueMappingDetailMap: new Map(),
      topicQueueMappingInfoMap: new Map(),
    });
    return createResponse(request, ResponseCode.SUCCESS, { body });
  }
}

export function topicProblem(topic: string): string | undefined {
  const validation = validateTopic(topic);
  if (!validation.valid) return validation.reason;
  return isSystemTopic(topic) ? `The topic[${topic}] is conflict with system topic.` : undefined;
}

function queueProblem(header: CreateTopicRequestHeader): string | undefined {
  if (!isValidPerm(header.perm)) return `perm ${header.perm} is not in 0..7`;
  const valid = (nums: number) => nums >= 0 && nums <= MAX_QUEUE_NUMS;
  return valid(header.readQueueNums) && valid(header.writeQueueNums) ? undefined : `queue nums must be in 0..${MAX_QUEUE_NUMS}`;
}
