import { performance } from 'node:perf_hooks';

import { Inject } from '@nestjs/common';

import { isReadable } from '@rocketmq-ts/model';
import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  createResponse,
  popOffsetInfo,
  PopMessageRequestHeader,
  PopMessageResponseHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { BROKER_CONFIG, BrokerLane } from '../broker.tokens';
import type { BrokerConfig } from '../config/broker-config.schema';
import { PropertyFilters } from '../filter/property-filters';
import { filterOfHeader } from '../filter/subscription-filter';
import { SubscriptionGroups, TopicConfigs } from '../consumer/consumer.ports';
import { PopLongPolling } from './pop-long-polling';
import { MAX_POP_BATCH, type PopOutcome, type PopRequest, PopService } from './pop-service';

export type PopSettings = Pick<BrokerConfig, 'brokerPermission' | 'enablePropertyFilter'>;

/**
 * POP_MESSAGE (200050), docs/grpc-and-pop.md#pop: checks the request as RocketMQ's
 * PopMessageProcessor does, pops through PopService, and long-polls for up to pollTime when
 * nothing is there (the connection keeps serving other requests meanwhile). The body is the stored
 * records as they are, like a pull's; the header carries what the client needs to build each
 * message's receipt handle.
 */
@RemotingProcessor({ codes: [RequestCode.POP_MESSAGE], lane: BrokerLane.PULL })
export class PopMessageProcessor implements RemotingRequestHandler {
  constructor(
    private readonly topics: TopicConfigs,
    private readonly groups: SubscriptionGroups,
    private readonly pops: PopService,
    private readonly polling: PopLongPolling,
    private readonly propertyFilters: PropertyFilters,
    @Inject(BROKER_CONFIG) private readonly config: PopSettings,
  ) {}

  async handle(context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand | undefined> {
    const header = PopMessageRequestHeader.decode(request.extFields);
    const refusal = this.check(header);
    if (refusal !== undefined) return createResponse(request, refusal.code, { remark: refusal.remark });
    const parsed = filterOfHeader(header.exp, header.expType, 0n, {
      enabled: this.config.enablePropertyFilter,
      filters: this.propertyFilters,
    });
    if (!parsed.ok) return createResponse(request, parsed.code, { remark: parsed.remark });
    const popRequest: PopRequest = {
      group: header.consumerGroup,
      topic: header.topic,
      queueId: header.queueId,
      maxMsgNums: header.maxMsgNums,
      invisibleTime: header.invisibleTime,
      initMode: header.initMode,
      order: header.order,
      attemptId: header.attemptId,
      filter: parsed.filter,
      recordFilter: parsed.recordFilter,
    };
    // Polling is wall time (a monotonic clock), not the broker clock that stamps pops.
    const deadline = performance.now() + Math.max(0, header.pollTime);
    const topics = this.pops.topicsOf(header.consumerGroup, header.topic, header.order);
    for (;;) {
      const seen = this.polling.arrivalsOn(topics);
      const outcome = await this.pops.pop(popRequest);
      if (outcome.kind !== 'none') return popResponse(request, outcome);
      const holdMs = Math.ceil(deadline - performance.now());
      if (holdMs <= 0)
        return popResponse(request, outcome, header.pollTime > 0 ? ResponseCode.POLLING_TIMEOUT : ResponseCode.PULL_NOT_FOUND);
      const woken = await this.park(context, topics, holdMs, seen);
      if (woken === 'full') return createResponse(request, ResponseCode.POLLING_FULL, { remark: 'the pop polling queue is full' });
      if (woken === 'closed') return undefined;
    }
  }

  private check(header: PopMessageRequestHeader): { code: number; remark: string } | undefined {
    if (!isReadable(this.config.brokerPermission))
      return { code: ResponseCode.NO_PERMISSION, remark: 'the broker pulling message is forbidden' };
    if (header.maxMsgNums > MAX_POP_BATCH)
      return { code: ResponseCode.INVALID_PARAMETER, remark: `the broker pop message num max is ${MAX_POP_BATCH}` };
    if (header.maxMsgNums <= 0) return { code: ResponseCode.INVALID_PARAMETER, remark: 'maxMsgNums must be positive' };
    if (header.invisibleTime <= 0) return { code: ResponseCode.INVALID_PARAMETER, remark: 'invisibleTime must be positive' };
    const topic = this.topics.selectTopicConfig(header.topic);
    if (topic === undefined) return { code: ResponseCode.TOPIC_NOT_EXIST, remark: `topic[${header.topic}] not exist, apply first please!` };
    if (!isReadable(topic.perm))
      return { code: ResponseCode.NO_PERMISSION, remark: `the topic[${header.topic}] peeking message is forbidden` };
    if (header.queueId < -1 || header.queueId >= topic.readQueueNums) {
      return {
        code: ResponseCode.INVALID_PARAMETER,
        remark: `queueId[${header.queueId}] is illegal, topic:[${header.topic}] topicConfig.readQueueNums:[${topic.readQueueNums}]`,
      };
    }
    const group = this.groups.findSubscriptionGroup(header.consumerGroup);
    if (group === undefined)
      return { code: ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, remark: `subscription group [${header.consumerGroup}] does not exist` };
    if (!group.consumeEnable)
      return { code: ResponseCode.NO_PERMISSION, remark: `subscription group no permission, ${header.consumerGroup}` };
    return undefined;
  }

  private park(context: ConnectionContext, topics: readonly string[], holdMs: number, seen: number): Promise<'woken' | 'full' | 'closed'> {
    return new Promise((resolve) => {
      let stopWatchingClose: () => void = () => undefined;
      const cancel = this.polling.park(topics, holdMs, seen, () => {
        stopWatchingClose();
        resolve('woken');
      });
      if (cancel === undefined) return resolve('full');
      stopWatchingClose = context.onClose(() => {
        cancel();
        resolve('closed');
      });
    });
  }
}

function popResponse(request: RemotingCommand, outcome: PopOutcome, emptyCode: number = ResponseCode.PULL_NOT_FOUND): RemotingCommand {
  if (outcome.kind === 'refused')
    return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `pop checkpoint not stored: ${outcome.remark ?? outcome.status}` });
  if (outcome.kind === 'none') {
    const extFields = PopMessageResponseHeader.encode({ popTime: 0, invisibleTime: 0, reviveQid: 0, restNum: outcome.restNum });
    return createResponse(request, emptyCode, { extFields, remark: 'no new message' });
  }
  const info = popOffsetInfo(outcome.queues);
  const extFields = PopMessageResponseHeader.encode({
    popTime: outcome.popTime,
    invisibleTime: outcome.invisibleTime,
    reviveQid: outcome.reviveQid,
    restNum: outcome.restNum,
    startOffsetInfo: info.startOffsetInfo,
    msgOffsetInfo: info.msgOffsetInfo,
    orderCountInfo: info.orderCountInfo,
  });
  return createResponse(request, ResponseCode.SUCCESS, {
    extFields,
    body: Buffer.concat(outcome.queues.flatMap((queue) => queue.messages)),
  });
}
