import type { MessageQueue } from '@rocketmq-ts/model';

import type { AllocateStrategy } from './allocate-strategy';

/**
 * CONFIG: a fixed list of queues, whatever the group looks like (Java's
 * AllocateMessageQueueByConfig). The operator, not the rebalance, keeps members apart.
 */
export class AllocateByConfig implements AllocateStrategy {
  readonly name = 'CONFIG';
  private readonly queues: readonly MessageQueue[];

  constructor(queues: readonly MessageQueue[]) {
    this.queues = queues.map((queue) => ({ topic: queue.topic, brokerName: queue.brokerName, queueId: queue.queueId }));
  }

  allocate(): MessageQueue[] {
    return [...this.queues];
  }
}
