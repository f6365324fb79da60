/** The batch a FIFO pop took from one queue, in flight until acked or its invisible time ends. */
export interface OrderBatch {
  readonly offsets: readonly number[];
  /** Where the group reads on once every offset is acked (past any filtered-out messages). */
  readonly nextOffset: number;
  readonly popTime: number;
  invisibleUntil: number;
  readonly attemptId: string | undefined;
  readonly acked: Set<number>;
}

export type OrderAckOutcome =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'partial'; readonly commitOffset: number }
  | { readonly kind: 'done'; readonly commitOffset: number };

/**
 * FIFO pops (docs/grpc-and-pop.md#fifo): RocketMQ's ConsumerOrderInfoManager in small. A queue with
 * a batch in flight gives a FIFO group nothing more until that batch is acked or its invisible
 * time runs out; the group's consume offset moves only with acks, so an expired batch is popped
 * again from the same place, its count (the next delivery's reconsumeTimes) one higher.
 * Held in memory: after a restart a batch in flight is simply delivered again, in order.
 */
export class FifoOrderTable {
  private readonly batches = new Map<string, OrderBatch>();
  /** Deliveries so far per queue offset, for offsets re-popped after expiry. */
  private readonly counts = new Map<string, Map<number, number>>();

  /** The queue's batch if it still blocks the group (an expired one is dropped and counted). */
  blocking(group: string, topic: string, queueId: number, nowMs: number): OrderBatch | undefined {
    const key = queueKey(group, topic, queueId);
    const batch = this.batches.get(key);
    if (batch === undefined) return undefined;
    if (batch.invisibleUntil > nowMs) return batch;
    this.batches.delete(key);
    const counts = this.counts.get(key) ?? new Map<number, number>();
    for (const offset of batch.offsets) if (!batch.acked.has(offset)) counts.set(offset, (counts.get(offset) ?? 0) + 1);
    this.counts.set(key, counts);
    return undefined;
  }

  /** Records a new batch; returns how many times it was delivered before (its reconsume count). */
  start(group: string, topic: string, queueId: number, batch: Omit<OrderBatch, 'acked'>): number {
    const key = queueKey(group, topic, queueId);
    this.batches.set(key, { ...batch, acked: new Set() });
    const counts = this.counts.get(key);
    return Math.max(0, ...batch.offsets.map((offset) => counts?.get(offset) ?? 0));
  }

  ack(group: string, topic: string, queueId: number, offset: number): OrderAckOutcome {
    const key = queueKey(group, topic, queueId);
    const batch = this.batches.get(key);
    if (batch === undefined || !batch.offsets.includes(offset)) return { kind: 'unknown' };
    batch.acked.add(offset);
    const firstOpen = batch.offsets.find((o) => !batch.acked.has(o));
    if (firstOpen !== undefined) return { kind: 'partial', commitOffset: firstOpen };
    this.batches.delete(key);
    const counts = this.counts.get(key);
    if (counts !== undefined) for (const o of batch.offsets) counts.delete(o);
    if (counts?.size === 0) this.counts.delete(key);
    return { kind: 'done', commitOffset: batch.nextOffset };
  }

  /** ChangeInvisibleTime on a FIFO message: the whole batch stays hidden until the new time. */
  extend(queue: FifoQueue, offset: number, invisibleUntil: number): boolean {
    const batch = this.batches.get(queueKey(queue.group, queue.topic, queue.queueId));
    if (batch === undefined || !batch.offsets.includes(offset)) return false;
    batch.invisibleUntil = invisibleUntil;
    return true;
  }
}

/** One group's view of one queue: FIFO batches are kept per group, topic and queue. */
export interface FifoQueue {
  readonly group: string;
  readonly topic: string;
  readonly queueId: number;
}

function queueKey(group: string, topic: string, queueId: number): string {
  return `${group}\u0001${topic}\u0001${queueId}`;
}
