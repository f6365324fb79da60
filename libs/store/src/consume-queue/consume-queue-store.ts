/**
 * Every consume queue of the store, keyed by topic and queueId, plus the topicQueueTable: the next
 * queue offset per topic-queue that the commit-log writer hands out (QueueOffsetAssigner).
 *
 * The table runs ahead of the queues: an offset is assigned when a record is appended and the
 * entry appears when the dispatcher catches up. At open, after the queues are rebuilt from the
 * commit log, `rebuildQueueOffsetTable` sets each next offset to its queue's max offset (docs/store-and-ha.md#consume-queues).
 *
 * Owner: the DefaultMessageStore. `assignQueueOffset` runs inside the commit log's single writer;
 * the dispatcher is the only caller of `findOrCreate(...).put`. Only flush awaits.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import type { Logger } from '@rocketmq-ts/base';

import type { QueueOffsetAssigner } from '../store-internals';
import { ConsumeQueue } from './consume-queue';

const QUEUE_ID_PATTERN = /^\d+$/;

export class ConsumeQueueStore implements QueueOffsetAssigner {
  private readonly queues = new Map<string, Map<number, ConsumeQueue>>();
  /** topic → queueId → next queue offset. Nested maps: no key string built per message. */
  private readonly nextOffsets = new Map<string, Map<number, number>>();

  constructor(
    private readonly rootDir: string,
    private readonly fileSizeBytes: number,
    private readonly logger: Logger,
  ) {}

  /** Opens every queue found on disk and recovers each to its last written entry (docs/store-and-ha.md#recovery). */
  loadAndRecover(): void {
    if (!existsSync(this.rootDir)) return;
    for (const topic of readdirSync(this.rootDir)) {
      const topicDir = join(this.rootDir, topic);
      for (const queueName of readdirSync(topicDir)) {
        if (!QUEUE_ID_PATTERN.test(queueName)) continue;
        this.findOrCreate(topic, Number(queueName)).loadAndRecover();
      }
    }
  }

  /** The queue of a topic-queue, created (empty, no files yet) on first use. */
  findOrCreate(topic: string, queueId: number): ConsumeQueue {
    let byQueueId = this.queues.get(topic);
    if (byQueueId === undefined) {
      byQueueId = new Map();
      this.queues.set(topic, byQueueId);
    }
    let queue = byQueueId.get(queueId);
    if (queue === undefined) {
      queue = new ConsumeQueue({
        topic,
        queueId,
        dir: join(this.rootDir, topic, String(queueId)),
        fileSizeBytes: this.fileSizeBytes,
        logger: this.logger,
      });
      byQueueId.set(queueId, queue);
    }
    return queue;
  }

  find(topic: string, queueId: number): ConsumeQueue | undefined {
    return this.queues.get(topic)?.get(queueId);
  }

  all(): ConsumeQueue[] {
    const result: ConsumeQueue[] = [];
    for (const byQueueId of this.queues.values()) result.push(...byQueueId.values());
    return result;
  }

  /** The largest commit-log end any queue references: where dispatch resumes after a restart. */
  maxPhysicOffsetEnd(): number {
    let max = 0;
    for (const queue of this.all()) max = Math.max(max, queue.getMaxPhysicOffsetEnd());
    return max;
  }

  truncateDirty(commitLogEnd: number): void {
    for (const queue of this.all()) queue.truncateDirty(commitLogEnd);
  }

  correctMinOffsets(commitLogMinOffset: number): void {
    for (const queue of this.all()) queue.correctMinOffset(commitLogMinOffset);
  }

  /** Deletes queue files wholly below the commit log's min offset; returns files deleted. */
  deleteExpired(commitLogMinOffset: number): number {
    let deleted = 0;
    for (const queue of this.all()) deleted += queue.deleteExpired(commitLogMinOffset);
    return deleted;
  }

  /** Every next offset from its queue's max offset; run once the queues match the commit log. */
  rebuildQueueOffsetTable(): void {
    this.nextOffsets.clear();
    for (const queue of this.all()) this.setNextOffset(queue.topic, queue.queueId, queue.getMaxOffsetInQueue());
  }

  assignQueueOffset(topic: string, queueId: number, count: number): number {
    const first = this.nextOffsets.get(topic)?.get(queueId) ?? 0;
    this.setNextOffset(topic, queueId, first + count);
    return first;
  }

  deleteTopic(topic: string): void {
    const byQueueId = this.queues.get(topic);
    for (const queue of byQueueId?.values() ?? []) queue.destroy();
    this.queues.delete(topic);
    this.nextOffsets.delete(topic);
    rmSync(join(this.rootDir, topic), { recursive: true, force: true });
    this.logger.info({ topic }, 'consume queues of topic deleted');
  }

  async flushAll(): Promise<void> {
    for (const queue of this.all()) await queue.flush();
  }

  close(): void {
    for (const queue of this.all()) queue.close();
  }

  private setNextOffset(topic: string, queueId: number, next: number): void {
    let byQueueId = this.nextOffsets.get(topic);
    if (byQueueId === undefined) {
      byQueueId = new Map();
      this.nextOffsets.set(topic, byQueueId);
    }
    byQueueId.set(queueId, next);
  }
}
