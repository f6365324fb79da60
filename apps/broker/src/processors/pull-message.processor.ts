import { performance } from 'node:perf_hooks';

import { Inject } from '@nestjs/common';

import type { Clock } from '@rocketmq-ts/base';
import { hasFlag, isReadable, PullSysFlag } from '@rocketmq-ts/model';
import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import { createResponse, PullMessageRequestHeader, type RemotingCommand, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';

import { BROKER_CLOCK, BROKER_CONFIG, BROKER_METRICS, BrokerLane, MESSAGE_STORE } from '../broker.tokens';
import type { BrokerConfig } from '../config/broker-config.schema';
import type { BrokerMetrics } from '../metrics/broker-metrics';
import type { HeldPull } from '../longpolling/held-pull';
import { PullRequestHoldService } from '../longpolling/pull-request-hold-service';
import { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';
import { ReplicaReadPolicy } from '../ha/replica-read-policy';
import { PropertyFilters } from '../filter/property-filters';
import { filterOf, filterOfHeader, type ParsedSubscription, type SubscriptionFilter } from '../filter/subscription-filter';
import { ConsumerSubscriptions, SubscriptionGroups, TopicConfigs } from '../consumer/consumer.ports';
import { pullResponse, pullResponseCode } from './pull-message.response';
import { BrokerStatsManager } from '../stats/broker-stats-manager';

const NO_RECORDS: readonly Buffer[] = [];

const SLAVE_READ_REFUSAL = 'this slave serves no pulls (slaveReadEnable=false); pull from the master';

/** The slice of the broker config pulls read. */
export type PullSettings = Pick<BrokerConfig, 'longPollingEnable' | 'shortPollingTimeMills' | 'brokerPermission' | 'enablePropertyFilter'>;

interface HoldPlan {
  readonly holdMs: number;
  readonly subscription: SubscriptionFilter;
}

/**
 * PULL_MESSAGE (11) and LITE_PULL_MESSAGE (361), docs/remoting-protocol.md#requests-the-broker-serves: header checks, the
 * subscription (from the header with the SUBSCRIPTION bit, else from heartbeats), one store read
 * with the tags filter, the status → code table, and long polling. A pull that finds nothing and
 * may be suspended is parked in the hold service and its promise settles when it is woken, so the
 * connection keeps serving its other requests meanwhile.
 */
@RemotingProcessor({ codes: [RequestCode.PULL_MESSAGE, RequestCode.LITE_PULL_MESSAGE], lane: BrokerLane.PULL })
export class PullMessageProcessor implements RemotingRequestHandler {
  constructor(
    private readonly topics: TopicConfigs,
    private readonly groups: SubscriptionGroups,
    private readonly consumers: ConsumerSubscriptions,
    private readonly offsets: ConsumerOffsetManager,
    private readonly holds: PullRequestHoldService,
    @Inject(MESSAGE_STORE) private readonly store: MessageStore,
    @Inject(BROKER_CONFIG) private readonly config: PullSettings,
    @Inject(BROKER_CLOCK) private readonly clock: Clock,
    @Inject(BROKER_METRICS) private readonly metrics: BrokerMetrics,
    private readonly propertyFilters: PropertyFilters,
    /** Slave reads and suggestWhichBrokerId. */
    private readonly readPolicy: ReplicaReadPolicy,
    /** The admin tools' per-group windows (docs/admin.md#stats-windows). */
    private readonly traffic: BrokerStatsManager,
  ) {}

  handle(context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand | undefined> {
    return this.process(context, request, true);
  }

  /** One pass; `allowSuspend` is false when a woken pull is re-run (no second hold, no re-commit). */
  private async process(context: ConnectionContext, request: RemotingCommand, allowSuspend: boolean): Promise<RemotingCommand | undefined> {
    const startedMs = this.metrics.enabled ? performance.now() : 0;
    if (this.readPolicy.refusesPulls()) return createResponse(request, ResponseCode.SYSTEM_BUSY, { remark: SLAVE_READ_REFUSAL });
    const header = PullMessageRequestHeader.decode(request.extFields);
    if (!isReadable(this.config.brokerPermission)) {
      return createResponse(request, ResponseCode.NO_PERMISSION, { remark: 'the broker pulling message is forbidden' });
    }
    const group = this.groups.findSubscriptionGroup(header.consumerGroup);
    if (group === undefined) {
      return createResponse(request, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, {
        remark: `subscription group [${header.consumerGroup}] does not exist`,
      });
    }
    if (!group.consumeEnable)
      return createResponse(request, ResponseCode.NO_PERMISSION, { remark: `subscription group no permission, ${header.consumerGroup}` });
    const topicConfig = this.topics.selectTopicConfig(header.topic);
    if (topicConfig === undefined) {
      return createResponse(request, ResponseCode.TOPIC_NOT_EXIST, { remark: `topic[${header.topic}] not exist, apply first please!` });
    }
    if (!isReadable(topicConfig.perm))
      return createResponse(request, ResponseCode.NO_PERMISSION, { remark: `the topic[${header.topic}] pulling message is forbidden` });
    if (header.queueId < 0 || header.queueId >= topicConfig.readQueueNums) {
      const remark = `queueId[${header.queueId}] is illegal, topic:[${header.topic}] topicConfig.readQueueNums:[${topicConfig.readQueueNums}] consumer:[${context.remoteAddress}]`;
      return createResponse(request, ResponseCode.INVALID_PARAMETER, { remark });
    }
    const subscription = this.subscriptionOf(header, group.consumeBroadcastEnable);
    if ('code' in subscription) return createResponse(request, subscription.code, { remark: subscription.remark });

    // Only the first pass stores the piggy-backed offset: a re-run carries the same, now stale, value.
    // Stored before the read, not after it: a commit the client sends later (UPDATE_CONSUMER_OFFSET at
    // shutdown) must not be overwritten by this older one when the read's await lets it in first.
    if (allowSuspend && hasFlag(header.sysFlag, PullSysFlag.COMMIT_OFFSET)) {
      this.offsets.commitOffset(header.consumerGroup, header.topic, header.queueId, header.commitOffset);
    }
    const result = await this.store.getMessage({
      group: header.consumerGroup,
      topic: header.topic,
      queueId: header.queueId,
      offset: header.queueOffset,
      maxMsgNums: header.maxMsgNums,
      maxMsgBytes: header.maxMsgBytes ?? 0,
      filter: subscription.filter,
      recordFilter: subscription.recordFilter,
    });
    const code = pullResponseCode(result.status, header.queueOffset);
    if (code === ResponseCode.PULL_NOT_FOUND && allowSuspend && hasFlag(header.sysFlag, PullSysFlag.SUSPEND)) {
      const holdMs = this.config.longPollingEnable ? header.suspendTimeoutMillis : this.config.shortPollingTimeMills;
      const held = this.park(context, request, header, { holdMs, subscription });
      if (held !== undefined) return held;
    }
    // Each answered pass is timed on its own, so a long-poll hold never counts as pull latency.
    if (this.metrics.enabled)
      this.metrics.recordPull(header.topic, header.consumerGroup, code === ResponseCode.SUCCESS ? result.messages : NO_RECORDS, startedMs);
    this.countGet(header.consumerGroup, header.topic, code === ResponseCode.SUCCESS ? result.messages : NO_RECORDS);
    return pullResponse(request, result, code, this.readPolicy.suggestBrokerId(result.suggestPullingFromSlave, group));
  }

  private countGet(group: string, topic: string, records: readonly Buffer[]): void {
    let bytes = 0;
    for (const record of records) bytes += record.length;
    this.traffic.onGet(group, topic, records.length, bytes);
  }

  private subscriptionOf(
    header: PullMessageRequestHeader,
    consumeBroadcastEnable: boolean,
  ): SubscriptionFilter | { code: number; remark: string } {
    let parsed: ParsedSubscription;
    const sql = { enabled: this.config.enablePropertyFilter, filters: this.propertyFilters };
    if (hasFlag(header.sysFlag, PullSysFlag.SUBSCRIPTION)) {
      parsed = filterOfHeader(header.subscription, header.expressionType, header.subVersion, sql);
    } else {
      const consumerGroup = this.consumers.findConsumerGroup(header.consumerGroup);
      if (consumerGroup === undefined) return { code: ResponseCode.SUBSCRIPTION_NOT_EXIST, remark: `the consumer's group info not exist` };
      if (consumerGroup.messageModel === 'BROADCASTING' && !consumeBroadcastEnable) {
        return { code: ResponseCode.NO_PERMISSION, remark: `the consumer group[${header.consumerGroup}] can not consume by broadcast way` };
      }
      const registered = consumerGroup.findSubscription(header.topic);
      if (registered === undefined) return { code: ResponseCode.SUBSCRIPTION_NOT_EXIST, remark: `the consumer's subscription not exist` };
      if (registered.subVersion < header.subVersion)
        return { code: ResponseCode.SUBSCRIPTION_NOT_LATEST, remark: `the consumer's subscription not latest` };
      parsed = filterOf(registered, sql);
    }
    return parsed.ok ? parsed : { code: parsed.code, remark: parsed.remark };
  }

  /**
   * Parks the pull; resolves when the hold service wakes it (re-run without suspension) or with no
   * reply when its connection closes first. Undefined when the table is full: answer now.
   */
  private park(
    context: ConnectionContext,
    request: RemotingCommand,
    header: PullMessageRequestHeader,
    { holdMs, subscription }: HoldPlan,
  ): Promise<RemotingCommand | undefined> | undefined {
    let resolveReply: (reply: Promise<RemotingCommand | undefined> | undefined) => void = () => undefined;
    const reply = new Promise<RemotingCommand | undefined>((resolve) => {
      resolveReply = resolve;
    });
    let stopWatchingClose: () => void = () => undefined;
    const held: HeldPull = {
      topic: header.topic,
      queueId: header.queueId,
      pullFromThisOffset: header.queueOffset,
      deadlineMs: this.clock.nowMs() + holdMs,
      filter: subscription.filter,
      propertyFilter: subscription.propertyFilter,
      wake: () => {
        stopWatchingClose();
        resolveReply(this.process(context, request, false));
      },
    };
    if (!this.holds.hold(held)) return undefined;
    stopWatchingClose = context.onClose(() => {
      this.holds.cancel(held);
      resolveReply(undefined);
    });
    // A message may have landed while the store read was in flight, before the pull was parked:
    // its arrival event is gone, so look once more rather than wait for the next sweep.
    if (this.store.getMaxOffsetInQueue(header.topic, header.queueId) > header.queueOffset) {
      this.holds.cancel(held);
      held.wake();
    }
    return reply;
  }
}
