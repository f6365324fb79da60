import type { Clock, Logger } from '@rocketmq-ts/base';
import { buildPullSysFlag } from '@rocketmq-ts/model';
import { type SubscriptionData, ResponseCode } from '@rocketmq-ts/protocol';

import type { TimerSet } from '../../core/timer-set';
import { MQClientError } from '../../errors';
import { MASTER_ID } from '../../route/topic-publish-info';
import type { SubscribeRouteTable } from '../../route/subscribe-route-table';
import type { BrokerCaller } from '../broker-api/broker-caller';
import { PULL_SUSPEND_MS, PULL_TIMEOUT_MS, type PullResult, pullMessage } from '../broker-api/pull-api';
import type { MessageExt } from '../message-ext';
import { decodePullBody } from '../message-decoder';
import type { OffsetStore } from '../offset-store/offset-store';
import type { ProcessQueue } from '../process-queue';
import { tagMatches } from '../subscription';

export interface PullLoopHost {
  readonly caller: BrokerCaller;
  readonly routes: SubscribeRouteTable;
  readonly offsetStore: OffsetStore;
  readonly timers: TimerSet;
  /** Stamps lastPullTimestamp. */
  readonly clock: Clock;
  readonly logger: Logger;
  readonly consumerGroup: string;
  readonly pullBatchSize: number;
  readonly pullDelayOnErrorMs: number;
  /** Send the subscription with each pull (SUBSCRIPTION bit) rather than rely on the heartbeat's. */
  readonly postSubscription: boolean;
  /** LITE_PULL_MESSAGE with the lite bit (lite pull consumer). */
  readonly lite: boolean;
  isRunning(): boolean;
  subscriptionOf(topic: string): SubscriptionData | undefined;
  /** ms to wait before pulling `queue` (flow control, missing lock), 0 to pull now. */
  pullDelayOf(queue: ProcessQueue): number;
  /** Messages of `queue` that passed the tag check, already held by it; the array is the host's to keep. */
  deliver(queue: ProcessQueue, messages: MessageExt[]): void;
  /** The broker moved the queue's offset (OFFSET_ILLEGAL); `queue` is already dropped. */
  onOffsetMoved(queue: ProcessQueue, nextOffset: number): void;
  /** The broker lacks our subscription (restarted, or the heartbeat is late): heartbeat now. */
  onSubscriptionMissing(): void;
}

/**
 * The pull cycle of one queue (Java's pullMessage + PullCallback): long-poll the broker, hand what
 * arrives to the consumer, pull again at the next offset; pause on errors and under flow control.
 * Ends when the queue is dropped or the consumer stops. Never rejects.
 */
export async function runPullLoop(host: PullLoopHost, queue: ProcessQueue, startOffset: number): Promise<void> {
  let nextOffset = startOffset;
  let brokerId = MASTER_ID;
  const mq = queue.queue;
  while (host.isRunning() && !queue.dropped) {
    const delayMs = host.pullDelayOf(queue);
    if (delayMs > 0) {
      await host.timers.sleep(delayMs);
      continue;
    }
    let result: PullResult;
    try {
      const pulled = await pullOnce(host, queue, nextOffset, brokerId);
      if (pulled === undefined) {
        await host.timers.sleep(host.pullDelayOnErrorMs);
        continue;
      }
      result = pulled;
    } catch (error) {
      if (!host.isRunning() || queue.dropped) return;
      if (
        error instanceof MQClientError &&
        (error.responseCode === ResponseCode.SUBSCRIPTION_NOT_EXIST || error.responseCode === ResponseCode.SUBSCRIPTION_NOT_LATEST)
      ) {
        host.onSubscriptionMissing();
      }
      host.logger.warn({ queue: mq, offset: nextOffset, err: error }, 'pull failed; trying again later');
      await host.timers.sleep(host.pullDelayOnErrorMs);
      continue;
    }
    if (!host.isRunning() || queue.dropped) return;
    queue.lastPullTimestamp = host.clock.nowMs();
    brokerId = result.suggestWhichBrokerId;
    if (result.status === 'OFFSET_ILLEGAL') {
      host.logger.warn(
        { queue: mq, offset: nextOffset, nextBeginOffset: result.nextBeginOffset },
        'pull offset illegal; the queue restarts at the broker’s offset',
      );
      queue.dropped = true;
      host.onOffsetMoved(queue, result.nextBeginOffset);
      return;
    }
    let delivered: MessageExt[];
    try {
      delivered = result.status === 'FOUND' && result.body !== undefined ? decodeAndFilter(host, queue, result) : [];
    } catch (error) {
      host.logger.error({ queue: mq, offset: nextOffset, err: error }, 'pull body undecodable; trying again later');
      await host.timers.sleep(host.pullDelayOnErrorMs);
      continue;
    }
    nextOffset = result.nextBeginOffset;
    const added = delivered.length > 0 ? queue.put(delivered) : delivered;
    queue.pulledTo(nextOffset);
    if (added.length > 0) host.deliver(queue, added);
    else if (queue.messageCount === 0) host.offsetStore.update(mq, nextOffset, true);
  }
}

/** One PULL_MESSAGE; undefined when the queue's broker cannot be found now. */
async function pullOnce(host: PullLoopHost, queue: ProcessQueue, offset: number, brokerId: number): Promise<PullResult | undefined> {
  const mq = queue.queue;
  const subscription = host.subscriptionOf(mq.topic);
  const target = host.routes.pullAddr(mq.brokerName, brokerId);
  if (subscription === undefined || target === undefined) return undefined;
  const committed = host.lite ? undefined : host.offsetStore.readMemory(mq);
  // Only a master stores offsets; a slave would drop it anyway.
  const commitOffset = committed !== undefined && committed > 0 && target.brokerId === MASTER_ID;
  const postSubscription = host.postSubscription || host.lite;
  const sysFlag = buildPullSysFlag({ commitOffset, suspend: true, subscription: postSubscription, litePull: host.lite });
  return pullMessage(
    host.caller,
    target.addr,
    {
      consumerGroup: host.consumerGroup,
      topic: mq.topic,
      queueId: mq.queueId,
      queueOffset: offset,
      maxMsgNums: host.pullBatchSize,
      sysFlag,
      commitOffset: commitOffset ? (committed ?? 0) : 0,
      suspendTimeoutMillis: PULL_SUSPEND_MS,
      subscription: postSubscription ? subscription.subString : undefined,
      subVersion: subscription.subVersion,
      expressionType: subscription.expressionType,
    },
    { timeoutMs: PULL_TIMEOUT_MS, lite: host.lite },
  );
}

function decodeAndFilter(host: PullLoopHost, queue: ProcessQueue, result: PullResult): MessageExt[] {
  const subscription = host.subscriptionOf(queue.queue.topic);
  const messages = decodePullBody(result.body as Buffer, {
    brokerName: queue.queue.brokerName,
    consumerGroup: host.consumerGroup,
    minOffset: result.minOffset,
    maxOffset: result.maxOffset,
  });
  if (subscription === undefined || subscription.tagsSet.length === 0) return messages;
  return messages.filter((message) => tagMatches(subscription, message.tags));
}
