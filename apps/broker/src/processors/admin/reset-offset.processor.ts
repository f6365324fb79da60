import { Inject } from '@nestjs/common';

import type { Logger } from '@rocketmq-ts/base';
import type { MessageQueue } from '@rocketmq-ts/model';
import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  createRequest,
  createResponse,
  type RemotingCommand,
  RequestCode,
  ResetOffsetBody,
  ResetOffsetRequestHeader,
  ResponseCode,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';

import { ConsumerManager } from '../../clients/consumer-manager';
import type { BrokerConfig } from '../../config/broker-config.schema';
import type { BrokerIdentity } from '../../config/broker-identity';
import { ConsumerOffsetManager } from '../../offsets/consumer-offset-manager';
import { SubscriptionGroupManager } from '../../subscriptions/subscription-group-manager';
import { TopicConfigManager } from '../../topics/topic-config-manager';
import { BROKER_CONFIG, BROKER_IDENTITY, BROKER_LOGGER, BrokerLane, MESSAGE_STORE } from '../../broker.tokens';

/** Clients older than V3_0_7_SNAPSHOT (MQVersion ordinal 39) cannot take RESET_CONSUMER_CLIENT_OFFSET. */
const MIN_RESET_CAPABLE_VERSION = 39;

type Outcome = { readonly code: number; readonly remark: string } | { readonly table: Array<readonly [MessageQueue, number]> };

/**
 * INVOKE_BROKER_TO_RESET_OFFSET (222), `mqadmin resetOffsetByTime`: moves a group's offsets on
 * this broker's queues of a topic to the first message stored at or after `timestamp` (-1: the
 * queue's end), or one queue to an exact offset (5.x queueId + offset). As Java 5's server-side
 * reset the broker writes the new offsets into its own table, so an offline group is reset too;
 * as Java's Broker2Client it then sends RESET_CONSUMER_CLIENT_OFFSET (220) to every online member
 * so their in-memory offsets follow instead of overwriting ours at the next commit. Without
 * isForce an offset only moves back. The reply body is the ResetOffsetBody that was applied.
 */
@RemotingProcessor({ codes: [RequestCode.INVOKE_BROKER_TO_RESET_OFFSET], lane: BrokerLane.ADMIN })
export class ResetOffsetProcessor implements RemotingRequestHandler {
  constructor(
    private readonly topics: TopicConfigManager,
    private readonly groups: SubscriptionGroupManager,
    private readonly offsets: ConsumerOffsetManager,
    private readonly consumers: ConsumerManager,
    @Inject(MESSAGE_STORE) private readonly store: MessageStore,
    @Inject(BROKER_IDENTITY) private readonly identity: BrokerIdentity,
    @Inject(BROKER_CONFIG) private readonly config: BrokerConfig,
    @Inject(BROKER_LOGGER) private readonly logger: Logger,
  ) {}

  async handle(context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> {
    const header = ResetOffsetRequestHeader.decode(request.extFields);
    const outcome = await this.targetOffsets(header);
    if (!('table' in outcome)) return createResponse(request, outcome.code, { remark: outcome.remark });
    for (const [queue, offset] of outcome.table) this.offsets.commitOffset(header.group, header.topic, queue.queueId, offset);
    this.logger.info(
      { topic: header.topic, group: header.group, timestamp: header.timestamp, by: context.remoteAddress, queues: outcome.table.length },
      'consumer offsets reset',
    );
    const body = ResetOffsetBody.encode({ offsetTable: outcome.table });
    this.notifyMembers(header, body);
    return createResponse(request, ResponseCode.SUCCESS, { body });
  }

  private async targetOffsets(header: ResetOffsetRequestHeader): Promise<Outcome> {
    if (this.config.brokerRole === 'SLAVE') return { code: ResponseCode.SYSTEM_ERROR, remark: 'Can not reset offset in slave broker' };
    const topicConfig = this.topics.selectTopicConfig(header.topic);
    if (topicConfig === undefined) return { code: ResponseCode.TOPIC_NOT_EXIST, remark: `Topic ${header.topic} does not exist` };
    if (!this.groupKnown(header.group))
      return { code: ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, remark: `Group ${header.group} does not exist` };

    const table: Array<readonly [MessageQueue, number]> = [];
    const queueIds =
      header.queueId !== undefined && header.queueId >= 0
        ? [header.queueId]
        : Array.from({ length: topicConfig.readQueueNums }, (_, queueId) => queueId);
    for (const queueId of queueIds) {
      let target: number;
      if (queueIds.length === 1 && header.queueId === queueId && header.offset !== undefined && header.offset !== -1) {
        const [min, max] = [this.store.getMinOffsetInQueue(header.topic, queueId), this.store.getMaxOffsetInQueue(header.topic, queueId)];
        if (header.offset < min || header.offset > max)
          return { code: ResponseCode.SYSTEM_ERROR, remark: `Target offset ${header.offset} not in consume queue range [${min}-${max}]` };
        target = header.offset;
      } else {
        target =
          header.timestamp < 0
            ? this.store.getMaxOffsetInQueue(header.topic, queueId)
            : await this.store.getOffsetInQueueByTime(header.topic, queueId, header.timestamp, 'lower');
      }
      const current = this.offsets.queryOffset(header.group, header.topic, queueId);
      const offset = header.isForce || current < 0 || target < current ? Math.max(0, target) : current;
      table.push([{ topic: header.topic, brokerName: this.identity.brokerName, queueId }, offset]);
    }
    if (table.length === 0) return { code: ResponseCode.SYSTEM_ERROR, remark: 'No queues to reset.' };
    return { table };
  }

  private groupKnown(group: string): boolean {
    return (
      this.groups.selectSubscriptionGroupConfig(group) !== undefined ||
      this.consumers.getConsumerGroupInfo(group) !== undefined ||
      this.offsets.topicsOfGroup(group).length > 0
    );
  }

  private notifyMembers(header: ResetOffsetRequestHeader, body: Buffer): void {
    const members = this.consumers.getConsumerGroupInfo(header.group)?.channels.values() ?? [];
    const extFields = ResetOffsetRequestHeader.encode({
      topic: header.topic,
      group: header.group,
      timestamp: header.timestamp,
      isForce: header.isForce,
    });
    for (const member of members) {
      if (member.connection.closed) continue;
      if (member.version < MIN_RESET_CAPABLE_VERSION) {
        this.logger.warn(
          { group: header.group, clientId: member.clientId, version: member.version },
          'client too old for RESET_CONSUMER_CLIENT_OFFSET; it keeps its own offsets',
        );
        continue;
      }
      try {
        member.connection.invokeOneway(
          createRequest(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, { extFields, body, oneway: true, language: 'JAVA' }),
        );
      } catch (error) {
        this.logger.warn({ err: error, group: header.group, clientId: member.clientId }, 'RESET_CONSUMER_CLIENT_OFFSET not sent');
      }
    }
  }
}
