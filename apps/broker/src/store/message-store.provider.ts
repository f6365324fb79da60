import type { Clock, Logger, Timers } from '@rocketmq-ts/base';
import { DefaultMessageStore, type MessageStore, type StoreConfig } from '@rocketmq-ts/store';

export interface MessageStoreDeps {
  readonly clock: Clock;
  /** The store's timers; real ones when absent. */
  readonly timers?: Timers;
  readonly logger: Logger;
  /** Delay of level N (1-based) at index N-1, from `messageDelayLevel`. */
  readonly delayLevelsMs: readonly number[];
}

/**
 * Opens the broker's message store: the commit log, consume queues and index under
 * storePathRootDir, recovered as RocketMQ recovers them. With the delay-level table, entries of
 * SCHEDULE_TOPIC_XXXX hold their delivery time as tags code, so the schedule service can tell
 * from the consume queue alone whether a message is due.
 */
export function openMessageStore(storeConfig: StoreConfig, deps: MessageStoreDeps): Promise<MessageStore> {
  const { delayLevelsMs } = deps;
  return DefaultMessageStore.open(storeConfig, {
    clock: deps.clock,
    timers: deps.timers,
    logger: deps.logger,
    deliverTimestampOf: (delayLevel, storeTimestampMs) =>
      storeTimestampMs + (delayLevelsMs[Math.min(delayLevel, delayLevelsMs.length) - 1] ?? 0),
  });
}
