import type { MessageQueue } from '@rocketmq-ts/model';

/** Java's AllocateMessageQueueStrategy names, as `-Drocketmq.client.allocate…` and dashboards show them. */
export type AllocateStrategyName = 'AVG' | 'AVG_BY_CIRCLE' | 'CONSISTENT_HASH' | 'MACHINE_ROOM' | 'CONFIG';

/**
 * Splits a topic's queues among the members of a consumer group. Every member runs the same
 * function on the same sorted inputs, so each queue ends up with exactly one owner without any
 * member talking to another.
 */
export interface AllocateStrategy {
  readonly name: AllocateStrategyName | string;
  /**
   * The queues `currentClientId` owns. `allQueues` and `allClientIds` arrive sorted (queues by
   * broker name then queue id, client ids as strings); an id absent from `allClientIds` owns nothing.
   */
  allocate(
    consumerGroup: string,
    currentClientId: string,
    allQueues: readonly MessageQueue[],
    allClientIds: readonly string[],
  ): MessageQueue[];
}
