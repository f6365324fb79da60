import type { MessageQueue } from '@rocketmq-ts/model';

/**
 * Java's AbstractAllocateMessageQueueStrategy.check: an empty input or a member missing from the
 * member list owns nothing. Java throws on empty inputs and its rebalance loop logs and moves on,
 * so returning false here gives every member the same outcome without an exception per rebalance.
 */
export function takesPart(currentClientId: string, allQueues: readonly MessageQueue[], allClientIds: readonly string[]): boolean {
  return currentClientId !== '' && allQueues.length > 0 && allClientIds.includes(currentClientId);
}
