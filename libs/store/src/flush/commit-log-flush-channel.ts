/**
 * Commit-log flushes as a `node:diagnostics_channel` stream, so the broker can observe flush
 * latency and the flushed offset without the store depending on a metrics library. Publishing
 * costs one property read when nobody subscribes; several stores in one process share the
 * channel, and `commitLogDir` tells a subscriber which store a flush belongs to.
 */
import { channel } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';

export interface CommitLogFlushEvent {
  /** StoreConfig.storePathCommitLog of the store that flushed. */
  readonly commitLogDir: string;
  /** Wall time of the flush (fdatasync of the dirty range), in milliseconds. */
  readonly durationMs: number;
  /** Commit-log offset up to which data is now on disk. */
  readonly flushedOffset: number;
}

export const COMMIT_LOG_FLUSH_CHANNEL_NAME = 'rocketmq-ts:store:commit-log-flush';

export const commitLogFlushChannel = channel(COMMIT_LOG_FLUSH_CHANNEL_NAME);

/** Called after a flush that moved the flushed offset; `startedMs` is performance.now() before it. */
export function publishCommitLogFlush(commitLogDir: string, startedMs: number, flushedOffset: number): void {
  if (!commitLogFlushChannel.hasSubscribers) return;
  const event: CommitLogFlushEvent = { commitLogDir, durationMs: performance.now() - startedMs, flushedOffset };
  commitLogFlushChannel.publish(event);
}
