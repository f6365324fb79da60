import { subscribe, unsubscribe } from 'node:diagnostics_channel';

import { COMMIT_LOG_FLUSH_CHANNEL_NAME, type CommitLogFlushEvent } from '@rocketmq-ts/store';

export interface CommitLogFlushObserverOptions {
  /** StoreConfig.storePathCommitLog: the channel is process-wide, so flushes of other stores (in-process specs) are ignored. */
  readonly commitLogDir: string;
  /** Observed per flush when metrics are on; undefined with enableMetrics=false. */
  readonly flushLatencyMilliseconds: { observe(value: number): void } | undefined;
  /** Where the flushed offset starts before the first flush: the log end at open (recovered data is on disk). */
  readonly initialFlushedOffset: number;
}

/**
 * Listens to the store's commit-log flush channel: each flush's duration goes into
 * `rocketmq_storage_flush_latency_milliseconds`, and its flushed offset is kept for
 * `rocketmq_storage_flush_behind_bytes` (max offset − flushed offset, computed at scrape time).
 */
export class CommitLogFlushObserver {
  private flushed: number;
  private subscribed = false;
  private readonly onFlush = (message: unknown): void => {
    const event = message as CommitLogFlushEvent;
    if (event.commitLogDir !== this.options.commitLogDir) return;
    if (event.flushedOffset > this.flushed) this.flushed = event.flushedOffset;
    this.options.flushLatencyMilliseconds?.observe(event.durationMs);
  };

  constructor(private readonly options: CommitLogFlushObserverOptions) {
    this.flushed = options.initialFlushedOffset;
  }

  get flushedOffset(): number {
    return this.flushed;
  }

  start(): void {
    if (this.subscribed) return;
    subscribe(COMMIT_LOG_FLUSH_CHANNEL_NAME, this.onFlush);
    this.subscribed = true;
  }

  stop(): void {
    if (!this.subscribed) return;
    unsubscribe(COMMIT_LOG_FLUSH_CHANNEL_NAME, this.onFlush);
    this.subscribed = false;
  }
}
