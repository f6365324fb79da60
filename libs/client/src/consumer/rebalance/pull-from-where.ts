import { isRetryTopic, type MessageQueue } from '@rocketmq-ts/model';

import type { ConsumeFromWhere } from '../consumer-options';
import type { OffsetStore } from '../offset-store/offset-store';

export interface QueueBoundaries {
  maxOffset(queue: MessageQueue): Promise<number>;
  searchOffset(queue: MessageQueue, timestamp: number): Promise<number>;
}

export interface ConsumeFrom {
  readonly consumeFromWhere: ConsumeFromWhere;
  readonly consumeTimestamp: number;
}

/**
 * Where a newly owned queue starts (Java's RebalancePushImpl.computePullFromWhere): the stored
 * offset when there is one; otherwise LAST = the queue's max offset, FIRST = 0, TIMESTAMP = the
 * first offset stored at or after `consumeTimestamp`. A group's retry queue has no history worth
 * skipping under LAST (it starts at 0) and none worth searching under TIMESTAMP (it starts at the
 * end). Throws when the store or broker cannot answer: the queue is tried at the next rebalance.
 *
 * Note: brokers answer 0 rather than "none" for a queue that still starts at 0 (never trimmed), so
 * on a young topic a new group reads from the beginning whatever it asked for — as with Java.
 */
export async function computePullFromWhere(
  queue: MessageQueue,
  offsetStore: OffsetStore,
  boundaries: QueueBoundaries,
  { consumeFromWhere, consumeTimestamp }: ConsumeFrom,
): Promise<number> {
  const stored = await offsetStore.readStore(queue);
  if (stored !== undefined && stored >= 0) return stored;
  switch (consumeFromWhere) {
    case 'CONSUME_FROM_FIRST_OFFSET':
      return 0;
    case 'CONSUME_FROM_TIMESTAMP':
      return isRetryTopic(queue.topic) ? boundaries.maxOffset(queue) : boundaries.searchOffset(queue, consumeTimestamp);
    case 'CONSUME_FROM_LAST_OFFSET':
      return isRetryTopic(queue.topic) ? 0 : boundaries.maxOffset(queue);
  }
}
