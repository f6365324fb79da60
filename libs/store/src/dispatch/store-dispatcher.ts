/**
 * What happens to each dispatched record, in RocketMQ's order: the consume-queue entry (not for
 * PREPARED or ROLLBACK transaction halves, which consumers must not see), the index keys (when
 * enabled; the index skips ROLLBACK itself), then the message-arriving listeners that wake held
 * pulls, once the entry is readable.
 */
import { transactionTypeOf } from '@rocketmq-ts/model';

import type { ConsumeQueueStore } from '../consume-queue/consume-queue-store';
import type { IndexService } from '../index-file/index-service';
import type { MessageArrivingListener } from '../message-store';
import type { MutableDispatchRequest } from './dispatch-record-reader';
import type { Dispatcher } from './reput-message-service';

export interface StoreDispatcherParts {
  readonly consumeQueues: ConsumeQueueStore;
  /** Undefined when messageIndexEnable is off. */
  readonly index: IndexService | undefined;
  /** Read on every record, so listeners added later are called too. */
  readonly listeners: readonly MessageArrivingListener[];
}

export function createStoreDispatcher(parts: StoreDispatcherParts): Dispatcher {
  const { consumeQueues, index, listeners } = parts;
  // Filled per dispatched record and handed to every listener: no allocation per message.
  const arrival = { topic: '', queueId: 0, logicOffsetAfter: 0, tagsCode: 0, storeTimestamp: 0, properties: '' };
  return (request: MutableDispatchRequest) => {
    const type = transactionTypeOf(request.sysFlag);
    const queued =
      type !== 'PREPARED' &&
      type !== 'ROLLBACK' &&
      consumeQueues
        .findOrCreate(request.topic, request.queueId)
        .put(request.commitLogOffset, request.msgSize, request.tagsCode, request.consumeQueueOffset);
    index?.buildIndex(request);
    if (!queued) return;
    arrival.topic = request.topic;
    arrival.queueId = request.queueId;
    arrival.logicOffsetAfter = request.consumeQueueOffset + 1;
    arrival.tagsCode = request.tagsCode;
    arrival.storeTimestamp = request.storeTimestamp;
    arrival.properties = request.properties;
    for (const listener of listeners) listener(arrival);
  };
}
