/**
 * The store's periodic chores around what is derived from the commit log:
 * - flush consume queues every flushIntervalConsumeQueueMs (RocketMQ's FlushConsumeQueueService);
 * - on every 60th-second pass, write checkpoint.logicsMsgTimestamp and flush the checkpoint, as
 *   the thorough consume-queue flush does (abnormal recovery starts from it);
 * - every cleanResourceIntervalMs, drop consume-queue and index files wholly below the commit
 *   log's min offset once retention has moved it.
 *
 * One pass at a time: a pass still running when the timer fires is not doubled. A failed pass is
 * logged and the next one tries again, except an InvariantViolation, which goes on to the process.
 */
import { rethrowInvariantViolation, systemClock, type TimerHandle } from '@rocketmq-ts/base';

import type { StoreParts } from './default-message-store-open';

const CHECKPOINT_INTERVAL_MS = 60_000;

export class StoreHousekeeping {
  private timer: TimerHandle | undefined;
  private running: Promise<void> | undefined;
  private lastCheckpointMs: number;
  private lastCleanupMs: number;
  private cleanedUpToOffset = 0;

  constructor(private readonly parts: StoreParts) {
    this.lastCheckpointMs = this.lastCleanupMs = parts.deps.clock.nowMs();
  }

  start(): void {
    this.timer = (this.parts.deps.timers ?? systemClock).setInterval(() => void this.pass(), this.parts.config.flushIntervalConsumeQueueMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    (this.parts.deps.timers ?? systemClock).clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Flushes consume queues and index, then records their store time in the checkpoint. */
  async flushAll(): Promise<void> {
    const { consumeQueues, index, checkpoint, lastDispatched } = this.parts;
    const dispatchedUpToMs = lastDispatched.storeTimestampMs;
    await consumeQueues.flushAll();
    await index?.flush();
    checkpoint.logicsMsgTimestamp = dispatchedUpToMs;
    checkpoint.flush();
  }

  /** Drops consume-queue and index files wholly below the commit log's min offset, if it moved. */
  deleteDerivedFiles(): void {
    const { consumeQueues, index, commitLog, deps } = this.parts;
    const minOffset = commitLog.minOffset();
    if (minOffset <= this.cleanedUpToOffset) return;
    this.cleanedUpToOffset = minOffset;
    const queueFiles = consumeQueues.deleteExpired(minOffset);
    const indexFiles = index?.deleteExpired(minOffset) ?? 0;
    if (queueFiles + indexFiles > 0)
      deps.logger.info(
        { commitLogMinOffset: minOffset, queueFiles, indexFiles },
        'deleted consume-queue and index files below the commit log',
      );
  }

  private pass(): Promise<void> {
    if (this.running !== undefined) return this.running;
    this.running = this.runPass()
      .catch((error: unknown) => {
        rethrowInvariantViolation(error);
        this.parts.deps.logger.error({ err: error }, 'store housekeeping pass failed');
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async runPass(): Promise<void> {
    const { consumeQueues, checkpoint, lastDispatched, deps, config } = this.parts;
    const nowMs = deps.clock.nowMs();
    const dispatchedUpToMs = lastDispatched.storeTimestampMs;
    await consumeQueues.flushAll();
    if (nowMs - this.lastCheckpointMs >= CHECKPOINT_INTERVAL_MS) {
      this.lastCheckpointMs = nowMs;
      checkpoint.logicsMsgTimestamp = dispatchedUpToMs;
      checkpoint.flush();
    }
    if (nowMs - this.lastCleanupMs >= config.cleanResourceIntervalMs) {
      this.lastCleanupMs = nowMs;
      this.deleteDerivedFiles();
    }
  }
}
