import type { Logger } from '@rocketmq-ts/base';
import { type MessageQueue, messageQueueKey } from '@rocketmq-ts/model';

import type { SubscribeRouteTable } from '../../route/subscribe-route-table';
import type { BrokerCaller } from '../broker-api/broker-caller';
import { lockBatch, unlockBatch } from '../broker-api/group-api';
import type { ProcessQueue } from '../process-queue';

export interface QueueLocksOptions {
  readonly caller: BrokerCaller;
  readonly routes: SubscribeRouteTable;
  readonly clientId: string;
  readonly consumerGroup: string;
  readonly logger: Logger;
  readonly nowMs?: () => number;
}

/**
 * Orderly consumption's broker locks (LOCK_BATCH_MQ / UNLOCK_BATCH_MQ, docs/remoting-protocol.md#requests-the-broker-serves): one
 * queue when it is taken, every owned queue per broker when renewed (Java: every 20 s, the broker
 * keeping a lock 60 s), released when a queue is given up and at shutdown.
 */
export class QueueLocks {
  private readonly nowMs: () => number;

  constructor(private readonly options: QueueLocksOptions) {
    this.nowMs = options.nowMs ?? Date.now;
  }

  /** Locks one queue; true when this client holds it now. Never rejects. */
  async lock(queue: ProcessQueue): Promise<boolean> {
    const locked = await this.lockOnBroker(queue.queue.brokerName, [queue.queue]);
    const held = locked?.has(messageQueueKey(queue.queue)) ?? false;
    this.mark(queue, held);
    return held;
  }

  /** Renews the locks of every queue given, broker by broker; a queue not granted loses its lock. */
  async lockAll(queues: readonly ProcessQueue[]): Promise<void> {
    const byBroker = groupByBroker(queues, (queue) => queue.queue.brokerName);
    await Promise.all(
      [...byBroker].map(async ([brokerName, brokerQueues]) => {
        const locked = await this.lockOnBroker(
          brokerName,
          brokerQueues.map((queue) => queue.queue),
        );
        // A broker that did not answer keeps our locks as they were: they are valid for 60 s.
        if (locked !== undefined) for (const queue of brokerQueues) this.mark(queue, locked.has(messageQueueKey(queue.queue)));
      }),
    );
  }

  /** Releases the locks of `queues`; failures are logged (the broker lets them expire). */
  async unlockAll(queues: readonly MessageQueue[]): Promise<void> {
    const byBroker = groupByBroker(queues, (queue) => queue.brokerName);
    await Promise.all(
      [...byBroker].map(async ([brokerName, brokerQueues]) => {
        const addr = this.options.routes.masterAddr(brokerName);
        if (addr === undefined) return;
        try {
          await unlockBatch(this.options.caller, addr, {
            clientId: this.options.clientId,
            group: this.options.consumerGroup,
            queues: brokerQueues,
          });
        } catch (error) {
          this.options.logger.warn({ brokerName, err: error }, 'UNLOCK_BATCH_MQ failed; the locks expire on their own');
        }
      }),
    );
  }

  /** The keys of the queues locked for us; undefined when the broker could not be asked. */
  private async lockOnBroker(brokerName: string, queues: readonly MessageQueue[]): Promise<Set<string> | undefined> {
    const addr = this.options.routes.masterAddr(brokerName);
    if (addr === undefined) return undefined;
    try {
      const locked = await lockBatch(this.options.caller, addr, {
        clientId: this.options.clientId,
        group: this.options.consumerGroup,
        queues,
      });
      return new Set(locked.map(messageQueueKey));
    } catch (error) {
      this.options.logger.warn({ brokerName, err: error }, 'LOCK_BATCH_MQ failed');
      return undefined;
    }
  }

  private mark(queue: ProcessQueue, held: boolean): void {
    queue.locked = held;
    if (held) queue.lastLockTimestamp = this.nowMs();
  }
}

function groupByBroker<T>(items: readonly T[], brokerOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const brokerName = brokerOf(item);
    const group = groups.get(brokerName);
    if (group === undefined) groups.set(brokerName, [item]);
    else group.push(item);
  }
  return groups;
}
