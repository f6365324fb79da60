import { at } from '@rocketmq-ts/base';
import type { MessageQueue } from '@rocketmq-ts/model';

import type { AllocateStrategy } from './allocate-strategy';
import { takesPart } from './check-inputs';

/** AVG_BY_CIRCLE: member i owns queues i, i + n, i + 2n, … (Java's AllocateMessageQueueAveragelyByCircle). */
export class AllocateAveragelyByCircle implements AllocateStrategy {
  readonly name = 'AVG_BY_CIRCLE';

  allocate(
    _consumerGroup: string,
    currentClientId: string,
    allQueues: readonly MessageQueue[],
    allClientIds: readonly string[],
  ): MessageQueue[] {
    if (!takesPart(currentClientId, allQueues, allClientIds)) return [];
    const owned: MessageQueue[] = [];
    for (let i = allClientIds.indexOf(currentClientId); i < allQueues.length; i += allClientIds.length) {
      owned.push(at(allQueues, i, 'queues'));
    }
    return owned;
  }
}
