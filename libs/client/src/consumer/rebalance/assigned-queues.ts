import type { Logger } from '@rocketmq-ts/base';
import { type MessageQueue, messageQueueKey } from '@rocketmq-ts/model';

import type { OffsetStore } from '../offset-store/offset-store';
import { ProcessQueue } from '../process-queue';

export interface AssignedQueuesHooks {
  readonly offsetStore: OffsetStore;
  readonly logger: Logger;
  /** Where a newly owned queue starts; throws when that cannot be known now. */
  startOffsetOf(queue: MessageQueue): Promise<number>;
  /** Orderly: take the broker lock before owning; false skips the queue until the next rebalance. */
  beforeAdd?(queue: ProcessQueue): Promise<boolean>;
  /** Starts pulling the queue at `offset`. */
  start(queue: ProcessQueue, offset: number): void;
  /** Orderly: release the broker lock once the queue is no longer ours. */
  afterRemove?(queue: ProcessQueue): Promise<void>;
  /** Write a released queue's offset out (default); a lite consumer without auto-commit leaves that to commit(). */
  readonly persistOnRelease?: boolean;
}

/**
 * The queues this member owns now, each with its ProcessQueue (Java's processQueueTable), and the
 * moves between owners: taking a queue resolves its start offset and starts its pull loop;
 * giving one up drops it, writes its offset out and forgets it.
 */
export class AssignedQueues {
  private readonly table = new Map<string, ProcessQueue>();

  constructor(private readonly hooks: AssignedQueuesHooks) {}

  queues(): MessageQueue[] {
    return [...this.table.values()].map((queue) => queue.queue);
  }

  processQueues(): ProcessQueue[] {
    return [...this.table.values()];
  }

  get(queue: MessageQueue): ProcessQueue | undefined {
    return this.table.get(messageQueueKey(queue));
  }

  /** Makes the owned queues of `topic` exactly `owned`; true when anything changed. */
  async update(topic: string, owned: readonly MessageQueue[]): Promise<boolean> {
    const wanted = new Set(owned.map(messageQueueKey));
    let changed = false;
    for (const [key, queue] of [...this.table]) {
      if (queue.queue.topic !== topic || wanted.has(key)) continue;
      await this.remove(queue);
      changed = true;
    }
    for (const queue of owned) {
      if (this.table.has(messageQueueKey(queue))) continue;
      changed = (await this.add(queue)) || changed;
    }
    return changed;
  }

  /**
   * Restarts an owned queue at `offset` (offset reset, moved offset, seek): a fresh ProcessQueue,
   * the old one dropped. `persist` writes the new offset out at once.
   */
  async restart(queue: MessageQueue, offset: number, persist = true): Promise<void> {
    const key = messageQueueKey(queue);
    const old = this.table.get(key);
    if (old !== undefined) old.dropped = true;
    this.hooks.offsetStore.update(queue, offset, false);
    if (persist) await this.hooks.offsetStore.persist(queue);
    if (old === undefined || this.table.get(key) !== old) return;
    const fresh = new ProcessQueue(queue);
    fresh.locked = old.locked;
    fresh.lastLockTimestamp = old.lastLockTimestamp;
    this.table.set(key, fresh);
    this.hooks.start(fresh, offset);
  }

  /** Shutdown: every queue dropped and forgotten (offsets were written before). */
  dropAll(): ProcessQueue[] {
    const all = [...this.table.values()];
    for (const queue of all) queue.dropped = true;
    this.table.clear();
    return all;
  }

  private async add(queue: MessageQueue): Promise<boolean> {
    const processQueue = new ProcessQueue(queue);
    if (this.hooks.beforeAdd && !(await this.hooks.beforeAdd(processQueue))) return false;
    // Whatever an earlier ownership left in memory is stale: another member moved it since.
    this.hooks.offsetStore.remove(queue);
    let offset: number;
    try {
      offset = await this.hooks.startOffsetOf(queue);
    } catch (error) {
      this.hooks.logger.warn({ queue, err: error }, 'start offset unknown; the queue is taken at the next rebalance');
      if (this.hooks.afterRemove) await this.hooks.afterRemove(processQueue);
      return false;
    }
    // Held from now on, so that a shutdown before the first message still commits where this
    // member started: a restart must not skip what arrived meanwhile (LAST would look again).
    this.hooks.offsetStore.update(queue, offset, false);
    this.table.set(messageQueueKey(queue), processQueue);
    this.hooks.logger.info({ queue, offset }, 'queue assigned');
    this.hooks.start(processQueue, offset);
    return true;
  }

  private async remove(queue: ProcessQueue): Promise<void> {
    queue.dropped = true;
    this.table.delete(messageQueueKey(queue.queue));
    if (this.hooks.persistOnRelease ?? true) await this.hooks.offsetStore.persist(queue.queue);
    this.hooks.offsetStore.remove(queue.queue);
    this.hooks.logger.info({ queue: queue.queue }, 'queue released');
    if (this.hooks.afterRemove) await this.hooks.afterRemove(queue);
  }
}
