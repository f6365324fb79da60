import type { MessageQueue } from '@rocketmq-ts/model';

import type { AllocateStrategy } from './allocate-strategy';
import { takesPart } from './check-inputs';

/**
 * AVG: contiguous slices, the first `queues % members` members taking one extra queue; with more
 * members than queues the tail members own nothing. Same arithmetic as Java's
 * AllocateMessageQueueAveragely so mixed Java/TS groups agree.
 */
export class AllocateAveragely implements AllocateStrategy {
  readonly name = 'AVG';

  allocate(
    _consumerGroup: string,
    currentClientId: string,
    allQueues: readonly MessageQueue[],
    allClientIds: readonly string[],
  ): MessageQueue[] {
    if (!takesPart(currentClientId, allQueues, allClientIds)) return [];
    const index = allClientIds.indexOf(currentClientId);
    const queueCount = allQueues.length;
    const memberCount = allClientIds.length;
    const remainder = queueCount % memberCount;
    const takesExtra = remainder > 0 && index < remainder;
    const sliceSize = queueCount <= memberCount ? 1 : Math.floor(queueCount / memberCount) + (takesExtra ? 1 : 0);
    const start = takesExtra ? index * sliceSize : index * sliceSize + remainder;
    const count = Math.min(sliceSize, queueCount - start);
    return count > 0 ? allQueues.slice(start, start + count) : [];
  }
}
