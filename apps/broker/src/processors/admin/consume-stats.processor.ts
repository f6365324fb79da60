import { Inject } from '@nestjs/common';

import type { MessageQueue } from '@rocketmq-ts/model';
import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  ConsumeStats,
  createResponse,
  GetConsumeStatsRequestHeader,
  type OffsetWrapper,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';

import { ConsumerManager } from '../../clients/consumer-manager';
import type { BrokerIdentity } from '../../config/broker-identity';
import { ConsumerOffsetManager } from '../../offsets/consumer-offset-manager';
import { TopicConfigManager } from '../../topics/topic-config-manager';
import { BROKER_IDENTITY, BrokerLane, MESSAGE_STORE } from '../../broker.tokens';

/**
 * GET_CONSUME_STATS (208): per read queue of each topic a group consumes, the queue's max offset
 * and the group's committed offset, so lag = Σ(brokerOffset − consumerOffset) (docs/remoting-protocol.md#requests-the-broker-serves;
 * `mqadmin consumerProgress`, the exporter's rocketmq_group_diff). As Java's getConsumeStats:
 *   - topics: the header's, else every topic the group committed offsets for; when there are
 *     none, the topics of its heartbeat subscriptions (so a live group that never committed still
 *     shows its backlog instead of nothing);
 *   - a topic the online group does not subscribe to is skipped, offsets or not;
 *   - an unknown group is not an error: SUCCESS with an empty table (the Java admin client turns
 *     the empty table into its own "not found" error).
 * consumeTps is 0 and pullOffset = consumerOffset: the broker tracks neither get-TPS per group nor
 * pull offsets yet.
 */
@RemotingProcessor({ codes: [RequestCode.GET_CONSUME_STATS], lane: BrokerLane.ADMIN })
export class ConsumeStatsProcessor implements RemotingRequestHandler {
  constructor(
    private readonly topics: TopicConfigManager,
    private readonly offsets: ConsumerOffsetManager,
    private readonly consumers: ConsumerManager,
    @Inject(MESSAGE_STORE) private readonly store: MessageStore,
    @Inject(BROKER_IDENTITY) private readonly identity: BrokerIdentity,
  ) {}

  async handle(_context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand> {
    const { consumerGroup, topic } = GetConsumeStatsRequestHeader.decode(request.extFields);
    const offsetTable: Array<readonly [MessageQueue, OffsetWrapper]> = [];
    for (const name of this.topicsOf(consumerGroup, topic)) {
      const config = this.topics.selectTopicConfig(name);
      if (config === undefined) continue; // deleted since the offsets were committed
      for (let queueId = 0; queueId < config.readQueueNums; queueId++) {
        offsetTable.push([
          { topic: name, brokerName: this.identity.brokerName, queueId },
          await this.offsetOf(consumerGroup, name, queueId),
        ]);
      }
    }
    return createResponse(request, ResponseCode.SUCCESS, { body: ConsumeStats.encode({ offsetTable, consumeTps: 0 }) });
  }

  /** Sorted, so the reply is stable (Java's HashSet order is arbitrary anyway). */
  private topicsOf(group: string, requested: string | undefined): string[] {
    const subscribed = this.consumers.getConsumerGroupInfo(group)?.subscriptions;
    let candidates = requested !== undefined ? [requested] : this.offsets.topicsOfGroup(group);
    if (requested === undefined && candidates.length === 0) candidates = [...(subscribed?.keys() ?? [])];
    // Java skips a topic only when the group is online with subscriptions that leave it out.
    const online = subscribed !== undefined && subscribed.size > 0;
    return candidates.filter((name) => !online || subscribed.has(name)).sort();
  }

  private async offsetOf(group: string, topic: string, queueId: number): Promise<OffsetWrapper> {
    const brokerOffset = Math.max(0, this.store.getMaxOffsetInQueue(topic, queueId));
    const consumerOffset = Math.max(0, this.offsets.queryOffset(group, topic, queueId));
    // A negative store answer means the message is gone (or never was): no timestamp, as Java.
    const lastTimestamp =
      consumerOffset > 0 ? Math.max(0, await this.store.getMessageStoreTimestamp(topic, queueId, consumerOffset - 1)) : 0;
    return { brokerOffset, consumerOffset, lastTimestamp, pullOffset: consumerOffset };
  }
}
