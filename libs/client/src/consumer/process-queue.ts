import type { MessageQueue } from '@rocketmq-ts/model';

import type { MessageExt } from './message-ext';

/**
 * The messages of one owned queue pulled but not yet done with (Java's ProcessQueue). Pulls add
 * them in offset order; consumption removes them in any order. The offset safe to commit is the
 * smallest one still held — or one past the last pulled when none is — so a crash redelivers
 * whatever was unfinished and never skips it.
 */
export class ProcessQueue {
  /** Offset -> message, in offset order (pulls of one queue are sequential and ascending). */
  private readonly messages = new Map<number, MessageExt>();
  private bodyBytes = 0;
  /** Highest offset ever added; -1 before the first. */
  private queueOffsetMax = -1;
  /** Where the last pull ended: everything below was delivered here or filtered out by tag. */
  private pulledUpTo = 0;
  /** Set when the queue is given up (rebalance, reset, shutdown): nothing of it may be committed any more. */
  dropped = false;
  /** Orderly: whether this client holds the broker lock, and when it last got it. */
  locked = false;
  lastLockTimestamp = 0;
  /** Orderly: a consume loop is running for this queue (one at a time keeps the order). */
  consuming = false;
  lastPullTimestamp = 0;

  constructor(readonly queue: MessageQueue) {}

  get messageCount(): number {
    return this.messages.size;
  }

  get messageBytes(): number {
    return this.bodyBytes;
  }

  get maxOffset(): number {
    return this.queueOffsetMax;
  }

  /** Adds pulled messages; ones already held (a re-pull after a reset) are skipped. Returns those added. */
  put(messages: readonly MessageExt[]): MessageExt[] {
    const added: MessageExt[] = [];
    for (const message of messages) {
      if (this.messages.has(message.queueOffset)) continue;
      this.messages.set(message.queueOffset, message);
      this.bodyBytes += message.body.length;
      added.push(message);
      if (message.queueOffset > this.queueOffsetMax) this.queueOffsetMax = message.queueOffset;
    }
    return added;
  }

  /** Drops finished messages and returns the offset now safe to commit. */
  remove(messages: readonly MessageExt[]): number {
    for (const message of messages) {
      const held = this.messages.get(message.queueOffset);
      if (held === undefined) continue;
      this.messages.delete(message.queueOffset);
      this.bodyBytes -= held.body.length;
    }
    return this.commitOffset();
  }

  /** Replaces a held message (its reconsume count went up); false when it is no longer held. */
  replace(message: MessageExt): boolean {
    const held = this.messages.get(message.queueOffset);
    if (held === undefined) return false;
    this.messages.set(message.queueOffset, message);
    this.bodyBytes += message.body.length - held.body.length;
    return true;
  }

  /** Records the next offset a pull will ask for (the broker's nextBeginOffset). */
  pulledTo(offset: number): void {
    if (offset > this.pulledUpTo) this.pulledUpTo = offset;
  }

  /**
   * The smallest offset still held; when none is, where pulling got to — messages skipped for
   * their tag need no consuming, so the offset need not wait for a message that matches.
   */
  commitOffset(): number {
    const first = this.messages.keys().next();
    return first.done ? Math.max(this.queueOffsetMax + 1, this.pulledUpTo) : first.value;
  }

  /** Orderly: the next message in queue order, undefined when none is held. */
  head(): MessageExt | undefined {
    const first = this.messages.values().next();
    return first.done ? undefined : first.value;
  }

  /** Lock older than Java's 30 s REBALANCE_LOCK_MAX_LIVE_TIME: the broker may have handed it on. */
  lockExpired(nowMs: number, maxLiveMs: number): boolean {
    return nowMs - this.lastLockTimestamp > maxLiveMs;
  }

  clear(): void {
    this.messages.clear();
    this.bodyBytes = 0;
  }
}
