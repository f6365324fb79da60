import type { Clock } from '@rocketmq-ts/base';
import { decodeMessageRecord } from '@rocketmq-ts/model';
import { ConsumeInitMode, POP_ORDER_REVIVE_QUEUE, popRetryTopicV1, type PopExtraInfo, popStoredTopicOf } from '@rocketmq-ts/protocol';
import type { CommitLogFilter, ConsumeQueueFilter, MessageStore } from '@rocketmq-ts/store';

import type { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';
import type { TopicConfigs } from '../consumer/consumer.ports';
import { FifoOrderTable } from './fifo-order-table';
import { REVIVE_QUEUE_ID } from './pop-checkpoint';
import type { PopReviveService } from './pop-revive-service';

/** RocketMQ's MAX_MSG_NUMS_FOR_POP_REQUEST. */
export const MAX_POP_BATCH = 32;

export interface PopRequest {
  readonly group: string;
  readonly topic: string;
  /** −1: any readable queue of the topic. */
  readonly queueId: number;
  readonly maxMsgNums: number;
  readonly invisibleTime: number;
  readonly initMode: number;
  readonly order: boolean;
  readonly attemptId: string | undefined;
  readonly filter: ConsumeQueueFilter | undefined;
  readonly recordFilter: CommitLogFilter | undefined;
}

/** What one pop took from one queue. */
export interface PoppedQueue {
  readonly storedTopic: string;
  readonly queueId: number;
  readonly startOffset: number;
  readonly offsets: readonly number[];
  /** Raw stored records, in queue order. */
  readonly messages: readonly Buffer[];
  /** FIFO: deliveries of this batch before this one. */
  readonly orderCount?: number;
}

export type PopOutcome =
  | {
      readonly kind: 'found';
      readonly popTime: number;
      readonly invisibleTime: number;
      readonly reviveQid: number;
      readonly restNum: number;
      readonly queues: readonly PoppedQueue[];
    }
  | { readonly kind: 'none'; readonly restNum: number }
  | { readonly kind: 'refused'; readonly status: string; readonly remark: string | undefined };

export type HandleOutcome = { readonly ok: true } | { readonly ok: false; readonly status: string; readonly remark: string | undefined };

export interface PopServiceOptions {
  readonly store: Pick<MessageStore, 'getMessage' | 'getMaxOffsetInQueue' | 'getMinOffsetInQueue'>;
  readonly offsets: ConsumerOffsetManager;
  readonly topics: TopicConfigs;
  readonly revive: PopReviveService;
  readonly clock: Clock;
  /** Percent of pops reading the pop retry topic first (popFromRetryProbability). */
  readonly retryFirstPercent: number;
  readonly random?: () => number;
  /** A FIFO batch ended: parked pops of that topic may now get the queue. */
  readonly onQueueReleased?: (topic: string) => void;
}

export interface InvisibleTimeChange {
  readonly queueOffset: number;
  readonly invisibleTime: number;
}

interface PopTurn {
  readonly want: number;
  readonly popTime: number;
}

/**
 * POP consumption (docs/grpc-and-pop.md#pop): the broker, not the client, picks queues and offsets.
 *
 * Invariants:
 *   - non-FIFO: a queue's consume offset moves past popped messages only after their CK is
 *     stored (PopReviveService.appendCheckpoint); from then on the CK answers for them;
 *   - FIFO: the offset moves only with acks; a queue with a batch in flight gives the group nothing;
 *   - one pop at a time per (group, topic, queue): a second one skips the queue rather than read
 *     the same offset twice.
 * Remoting (POP_MESSAGE …) and the gRPC endpoint both call this; neither touches offsets itself.
 */
export class PopService {
  readonly fifo = new FifoOrderTable();
  private readonly busy = new Set<string>();
  private readonly random: () => number;

  constructor(private readonly options: PopServiceOptions) {
    this.random = options.random ?? Math.random;
  }

  /** The topics a pop for `topic` reads, for long polling. */
  topicsOf(group: string, topic: string, order: boolean): string[] {
    return order ? [topic] : [topic, popRetryTopicV1(topic, group)];
  }

  async pop(request: PopRequest): Promise<PopOutcome> {
    const popTime = this.options.clock.nowMs();
    const want = Math.min(Math.max(1, request.maxMsgNums), MAX_POP_BATCH);
    const retryTopic = popRetryTopicV1(request.topic, request.group);
    const hasRetry = !request.order && this.options.topics.selectTopicConfig(retryTopic) !== undefined;
    const retryFirst = hasRetry && this.random() * 100 < this.options.retryFirstPercent;
    const order = retryFirst ? [retryTopic, request.topic] : hasRetry ? [request.topic, retryTopic] : [request.topic];
    const queues: PoppedQueue[] = [];
    let restNum = 0;
    let taken = 0;
    for (const topic of order) {
      const config = this.options.topics.selectTopicConfig(topic);
      if (config === undefined) continue;
      const ids = topic === request.topic && request.queueId >= 0 ? [request.queueId] : rotate(config.readQueueNums, this.random);
      for (const queueId of ids) {
        if (taken >= want) {
          restNum += this.backlog(request.group, topic, queueId);
          continue;
        }
        const popped = await this.popQueue(request, topic, queueId, { want: want - taken, popTime });
        if ('refused' in popped) return { kind: 'refused', status: popped.refused, remark: popped.remark };
        restNum += popped.rest;
        if (popped.queue !== undefined) {
          queues.push(popped.queue);
          taken += popped.queue.messages.length;
        }
      }
    }
    if (queues.length === 0) return { kind: 'none', restNum };
    return {
      kind: 'found',
      popTime,
      invisibleTime: request.invisibleTime,
      reviveQid: request.order ? POP_ORDER_REVIVE_QUEUE : REVIVE_QUEUE_ID,
      restNum,
      queues,
    };
  }

  private async popQueue(
    request: PopRequest,
    topic: string,
    queueId: number,
    { want, popTime }: PopTurn,
  ): Promise<{ queue: PoppedQueue | undefined; rest: number } | { refused: string; remark: string | undefined }> {
    const key = `${request.group}\u0001${topic}\u0001${queueId}`;
    if (this.busy.has(key)) return { queue: undefined, rest: 0 };
    if (request.order) {
      // Only a retry of the same attempt (a client that lost the answer) gets the queue back.
      const inFlight = this.fifo.blocking(request.group, topic, queueId, popTime);
      if (inFlight !== undefined && (inFlight.attemptId === undefined || inFlight.attemptId !== request.attemptId))
        return { queue: undefined, rest: 0 };
    }
    this.busy.add(key);
    try {
      const offset = this.popOffset(request.group, topic, queueId, request.initMode);
      const result = await this.options.store.getMessage({
        group: request.group,
        topic,
        queueId,
        offset,
        maxMsgNums: want,
        maxMsgBytes: 0,
        filter: request.filter,
        recordFilter: request.recordFilter,
      });
      const rest = Math.max(0, result.maxOffset - result.nextBeginOffset);
      const records = result.status === 'FOUND' ? result.messages : [];
      if (records.length === 0) {
        // Filtered-out or stale positions still move on (FIFO too: nothing was handed out).
        if (result.nextBeginOffset !== offset) this.options.offsets.commitOffset(request.group, topic, queueId, result.nextBeginOffset);
        return { queue: undefined, rest };
      }
      const offsets = records.map((raw) => decodeMessageRecord(raw).queueOffset);
      const startOffset = offsets[0] ?? offset;
      if (request.order) {
        const orderCount = this.fifo.start(request.group, topic, queueId, {
          offsets,
          nextOffset: result.nextBeginOffset,
          popTime,
          invisibleUntil: popTime + request.invisibleTime,
          attemptId: request.attemptId,
        });
        return { queue: { storedTopic: topic, queueId, startOffset, offsets, messages: records, orderCount }, rest };
      }
      const stored = await this.options.revive.appendCheckpoint({
        group: request.group,
        storedTopic: topic,
        queueId,
        startOffset,
        popTime,
        invisibleTime: request.invisibleTime,
        reviveQid: REVIVE_QUEUE_ID,
        offsets,
      });
      if (!stored.ok) return { refused: stored.status, remark: stored.remark };
      this.options.offsets.commitOffset(request.group, topic, queueId, result.nextBeginOffset);
      return { queue: { storedTopic: topic, queueId, startOffset, offsets, messages: records }, rest };
    } finally {
      this.busy.delete(key);
    }
  }

  /**
   * Where a group pops next. A group new to the queue starts as RocketMQ's getInitOffset does: MIN
   * at the first message; MAX at 0 while the queue still starts at 0 (a young queue: nothing sent
   * before the consumer came is lost), else at the last message; retry topics always at the first.
   */
  private popOffset(group: string, topic: string, queueId: number, initMode: number): number {
    const { offsets, store } = this.options;
    const committed = offsets.queryOffset(group, topic, queueId);
    if (committed >= 0) return committed;
    const min = store.getMinOffsetInQueue(topic, queueId);
    const max = store.getMaxOffsetInQueue(topic, queueId);
    const start = initMode === ConsumeInitMode.MIN || topic.startsWith('%RETRY%') || min <= 0 ? min : Math.max(min, max - 1);
    offsets.commitOffset(group, topic, queueId, start);
    return start;
  }

  private backlog(group: string, topic: string, queueId: number): number {
    const committed = this.options.offsets.queryOffset(group, topic, queueId);
    return committed < 0 ? 0 : Math.max(0, this.options.store.getMaxOffsetInQueue(topic, queueId) - committed);
  }

  /**
   * ACK_MESSAGE: one message done. `topic` is the subscribed topic; the handle says whether the
   * message sat in the retry topic. A handle whose CK is gone (revived already) is a no-op, as in
   * RocketMQ.
   */
  async ack(group: string, topic: string, info: PopExtraInfo, queueOffset: number): Promise<HandleOutcome> {
    const storedTopic = popStoredTopicOf(topic, group, info.retry);
    if (info.reviveQid === POP_ORDER_REVIVE_QUEUE) {
      const outcome = this.fifo.ack(group, storedTopic, info.queueId, queueOffset);
      if (outcome.kind !== 'unknown') this.options.offsets.commitOffset(group, storedTopic, info.queueId, outcome.commitOffset);
      if (outcome.kind === 'done') this.options.onQueueReleased?.(storedTopic);
      return { ok: true };
    }
    return this.options.revive.ack({
      group,
      storedTopic,
      queueId: info.queueId,
      startOffset: info.ckQueueOffset,
      popTime: info.popTime,
      offsets: [queueOffset],
    });
  }

  /**
   * CHANGE_MESSAGE_INVISIBLETIME: a new single-message CK (popTime now) is stored first, then the
   * old one acked, so the message is never without a CK. FIFO: the batch's hidden time moves.
   */
  async changeInvisibleTime(
    group: string,
    topic: string,
    info: PopExtraInfo,
    { queueOffset, invisibleTime }: InvisibleTimeChange,
  ): Promise<{ ok: true; popTime: number; reviveQid: number } | { ok: false; status: string; remark: string | undefined }> {
    const storedTopic = popStoredTopicOf(topic, group, info.retry);
    // The new CK must not share its name (startOffset, popTime) with the one it replaces.
    const popTime = Math.max(this.options.clock.nowMs(), info.popTime + 1);
    if (info.reviveQid === POP_ORDER_REVIVE_QUEUE) {
      this.fifo.extend({ group, topic: storedTopic, queueId: info.queueId }, queueOffset, popTime + invisibleTime);
      return { ok: true, popTime, reviveQid: POP_ORDER_REVIVE_QUEUE };
    }
    const stored = await this.options.revive.appendCheckpoint({
      group,
      storedTopic,
      queueId: info.queueId,
      startOffset: queueOffset,
      popTime,
      invisibleTime,
      reviveQid: REVIVE_QUEUE_ID,
      offsets: [queueOffset],
    });
    if (!stored.ok) return stored;
    const acked = await this.ack(group, topic, info, queueOffset);
    if (!acked.ok) return acked;
    return { ok: true, popTime, reviveQid: REVIVE_QUEUE_ID };
  }
}

/** Queue ids 0..n−1 starting at a random one, so concurrent consumers spread over queues. */
function rotate(count: number, random: () => number): number[] {
  const start = Math.floor(random() * Math.max(1, count));
  return Array.from({ length: count }, (_, i) => (start + i) % count);
}
