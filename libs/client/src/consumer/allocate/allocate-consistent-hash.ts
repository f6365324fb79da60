import type { MessageQueue } from '@rocketmq-ts/model';

import { MQClientError } from '../../errors';
import type { AllocateStrategy } from './allocate-strategy';
import { takesPart } from './check-inputs';
import { ConsistentHashRing, md5RingHash } from './consistent-hash-ring';

export const DEFAULT_VIRTUAL_NODE_COUNT = 10;

/** The key Java hashes for a queue: `MessageQueue.toString()`. */
export function javaMessageQueueString(queue: MessageQueue): string {
  return `MessageQueue [topic=${queue.topic}, brokerName=${queue.brokerName}, queueId=${queue.queueId}]`;
}

/**
 * CONSISTENT_HASH: members on an MD5 ring with virtual nodes; a queue goes to the member whose
 * point follows the queue's hash. Adding or removing a member moves only the queues next to its
 * points. Same ring and keys as Java's AllocateMessageQueueConsistentHash.
 */
export class AllocateConsistentHash implements AllocateStrategy {
  readonly name = 'CONSISTENT_HASH';

  constructor(
    private readonly virtualNodeCount: number = DEFAULT_VIRTUAL_NODE_COUNT,
    private readonly hash: (key: string) => number = md5RingHash,
  ) {
    if (!Number.isInteger(virtualNodeCount) || virtualNodeCount < 0) {
      throw new MQClientError(`virtual node count must be a non-negative integer, got ${virtualNodeCount}`);
    }
  }

  allocate(
    _consumerGroup: string,
    currentClientId: string,
    allQueues: readonly MessageQueue[],
    allClientIds: readonly string[],
  ): MessageQueue[] {
    if (!takesPart(currentClientId, allQueues, allClientIds)) return [];
    const ring = new ConsistentHashRing(allClientIds, this.virtualNodeCount, this.hash);
    return allQueues.filter((queue) => ring.route(javaMessageQueueString(queue)) === currentClientId);
  }
}
