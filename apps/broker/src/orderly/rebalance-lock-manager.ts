import type { Clock } from '@rocketmq-ts/base';
import { type MessageQueue, messageQueueKey } from '@rocketmq-ts/model';

/** Java's `rocketmq.broker.rebalance.lockMaxLiveTime`: a lock not renewed for 60 s is free again. */
export const DEFAULT_LOCK_MAX_LIVE_TIME_MS = 60_000;

interface LockEntry {
  readonly clientId: string;
  lastUpdateMs: number;
}

/**
 * Queue locks for orderly consumption (docs/remoting-protocol.md#requests-the-broker-serves): within a consumer group a queue belongs
 * to at most one client at a time, so its messages are consumed in order even while a rebalance
 * moves it. Clients renew every 20 s; a lock not renewed within the TTL may be taken over.
 */
export class RebalanceLockManager {
  /** group → messageQueueKey → lock */
  private readonly table = new Map<string, Map<string, LockEntry>>();

  constructor(
    private readonly clock: Clock,
    private readonly lockMaxLiveTimeMs = DEFAULT_LOCK_MAX_LIVE_TIME_MS,
  ) {}

  /** Locks (or renews) each queue that is free, expired or already this client's; returns those. */
  tryLockBatch(group: string, queues: readonly MessageQueue[], clientId: string): MessageQueue[] {
    const nowMs = this.clock.nowMs();
    const locks = this.table.get(group) ?? new Map<string, LockEntry>();
    this.table.set(group, locks);
    const locked: MessageQueue[] = [];
    for (const queue of queues) {
      const key = messageQueueKey(queue);
      const entry = locks.get(key);
      if (entry === undefined || entry.clientId === clientId || this.expired(entry, nowMs)) {
        locks.set(key, { clientId, lastUpdateMs: nowMs });
        locked.push(queue);
      }
    }
    return locked;
  }

  /** Releases the queues this client holds; locks of other clients are left alone. */
  unlockBatch(group: string, queues: readonly MessageQueue[], clientId: string): void {
    const locks = this.table.get(group);
    if (locks === undefined) return;
    for (const queue of queues) {
      const key = messageQueueKey(queue);
      if (locks.get(key)?.clientId === clientId) locks.delete(key);
    }
    if (locks.size === 0) this.table.delete(group);
  }

  /** Whether `clientId` holds an unexpired lock on the queue. */
  isLockedBy(group: string, queue: MessageQueue, clientId: string): boolean {
    const entry = this.table.get(group)?.get(messageQueueKey(queue));
    return entry !== undefined && entry.clientId === clientId && !this.expired(entry, this.clock.nowMs());
  }

  /** Whether any client of the group holds an unexpired lock (a group consuming orderly). */
  hasLiveLocks(group: string): boolean {
    const nowMs = this.clock.nowMs();
    for (const entry of this.table.get(group)?.values() ?? []) if (!this.expired(entry, nowMs)) return true;
    return false;
  }

  private expired(entry: LockEntry, nowMs: number): boolean {
    return nowMs - entry.lastUpdateMs > this.lockMaxLiveTimeMs;
  }
}
