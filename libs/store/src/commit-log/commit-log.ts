/**
 * The commit log: every message of every topic, appended to one sequence of segment files
 * (docs/store-and-ha.md#commit-log). The one source of truth; consume queues and index are derived from it.
 *
 * Lifecycle: `load()` opens the segments, `recover()` finds the end of valid data (recovery/),
 * `start()` starts the flusher, `shutdown()` flushes and closes.
 *
 * Ownership and await points: appends run `appendRecordsSync` (no await inside, see there), so
 * the append queue is the event loop itself. The only awaits of a put are after its bytes are
 * written: waiting for the group commit under SYNC_FLUSH. Flushes, reads and retention run
 * concurrently with appends; they never move the wrote position.
 */
import { performance } from 'node:perf_hooks';

import { type Clock, type Logger, systemClock, type Timers } from '@rocketmq-ts/base';
import { END_FILE_MIN_BLANK_BYTES } from '@rocketmq-ts/model';

import type { StoreCheckpoint } from '../checkpoint/store-checkpoint';
import { publishCommitLogFlush } from '../flush/commit-log-flush-channel';
import { FlushRealTimeService } from '../flush/flush-real-time-service';
import { GroupCommitService } from '../flush/group-commit-service';
import type { DatasyncFunction } from '../mapped-file/mapped-file';
import { MappedFileQueue, type MappedFileQueueLoadResult } from '../mapped-file/mapped-file-queue';
import type { BatchToStore, MessageToStore, PutMessageResult } from '../message-store';
import { type CommitLogRecoveryOptions, type CommitLogRecoveryResult, recoverCommitLog } from '../recovery/commit-log-recovery';
import type { StoreConfig } from '../store-config';
import type { CommitLogReader, QueueOffsetAssigner } from '../store-internals';
import { type AppendTarget, appendRecordsSync } from './append-records';
import { ReplicaAppendError, appendReplicatedSync } from './append-replicated';
import { putMessageFailure } from './put-message-check';
import { type EncodedRecords, RecordEncoder } from './record-encoder';

export interface CommitLogOptions {
  readonly config: StoreConfig;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** The flush services' timers; real ones by default. */
  readonly timers?: Timers;
  /** Receives physicMsgTimestamp after each flush; written to disk by whoever flushes the checkpoint. */
  readonly checkpoint?: StoreCheckpoint;
  /** Replaces fdatasync (specs count or delay flushes with it). */
  readonly datasync?: DatasyncFunction;
}

export class CommitLog implements CommitLogReader {
  readonly queue: MappedFileQueue;
  private readonly config: StoreConfig;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly checkpoint: StoreCheckpoint | undefined;
  private readonly encoder: RecordEncoder;
  private readonly groupCommit: GroupCommitService;
  private readonly asyncFlush: FlushRealTimeService;
  private readonly listeners: Array<() => void> = [];
  private notWritableRemark: string | undefined;
  private lastAppendStoreTimestampMs = 0;
  /** Controller mode: what the replicas have confirmed; undefined = no hold (docs/controller-mode-broker.md#confirm-offset). */
  private heldConfirmOffset: number | undefined;

  constructor(options: CommitLogOptions) {
    this.config = options.config;
    this.logger = options.logger.child({ component: 'CommitLog' });
    this.clock = options.clock ?? systemClock;
    this.checkpoint = options.checkpoint;
    this.queue = new MappedFileQueue({
      directory: options.config.storePathCommitLog,
      fileSizeBytes: options.config.mappedFileSizeCommitLog,
      logger: this.logger,
      datasync: options.datasync,
    });
    this.encoder = new RecordEncoder(options.config.maxMessageSize);
    const flush = (): Promise<number> => this.flush();
    this.groupCommit = new GroupCommitService({
      flush,
      timeoutMs: options.config.syncFlushTimeoutMs,
      logger: this.logger,
      clock: this.clock,
      timers: options.timers,
    });
    this.asyncFlush = new FlushRealTimeService({
      flush,
      unflushedBytes: () => this.queue.unflushedBytes(),
      intervalMs: options.config.flushIntervalCommitLogMs,
      thoroughIntervalMs: options.config.flushCommitLogThoroughIntervalMs,
      logger: this.logger,
      clock: this.clock,
      timers: options.timers,
    });
  }

  load(): Promise<MappedFileQueueLoadResult> {
    return this.queue.load();
  }

  /** Finds the end of valid data and truncates after it; see recovery/commit-log-recovery.ts. */
  recover(options: CommitLogRecoveryOptions): Promise<CommitLogRecoveryResult> {
    return recoverCommitLog(this.queue, options, this.logger);
  }

  /**
   * True when a record starts at `offset` (or it is a segment start or the log's end): the only
   * places a replica may cut its log. Walks the record headers of the segment from its start.
   */
  async isRecordBoundary(offset: number): Promise<boolean> {
    if (offset === this.queue.maxOffset() || offset % this.config.mappedFileSizeCommitLog === 0) return true;
    const file = this.queue.findFileByOffset(offset);
    if (file === undefined || offset > file.wroteOffset()) return false;
    const target = offset - file.fileFromOffset;
    let position = 0;
    while (position < target) {
      const header = await file.read(position, 8);
      if (header === undefined || header.length < 8) return false;
      const size = header.readInt32BE(0);
      if (size <= 0) return false;
      position += size;
    }
    return position === target;
  }

  /**
   * Makes `offset` the end of the log at runtime (a replica dropping a tail its new master does
   * not have). The caller stopped dispatch and checked the boundary. Crash-safe in this order:
   * the 8 bytes at the cut are zeroed and synced first, so a recovery after a crash stops there
   * whatever happens next (RocketMQ issue #10666); then positions move and later segments go.
   */
  async truncateTo(offset: number): Promise<number[]> {
    const file = this.queue.findFileByOffset(offset);
    if (file !== undefined) {
      const position = offset - file.fileFromOffset;
      if (position + 8 <= file.fileSizeBytes && position < file.wrotePosition) file.eraseAtSync(position, 8);
    }
    return this.queue.truncateDirtyFiles(offset);
  }

  /** Starts the ASYNC_FLUSH flusher (SYNC_FLUSH flushes on demand). */
  start(): void {
    if (this.config.flushDiskType === 'ASYNC_FLUSH') this.asyncFlush.start();
  }

  /** Stops the flushers after a last full flush, then closes the segments. */
  async shutdown(): Promise<void> {
    await this.groupCommit.stop();
    await this.asyncFlush.stop();
    await this.queue.close();
  }

  async append(message: MessageToStore, assigner: QueueOffsetAssigner): Promise<PutMessageResult> {
    const refused = this.refusal();
    if (refused) return refused;
    const storeTimestampMs = this.clock.nowMs();
    const encoded = this.encoder.encodeMessage(message, storeTimestampMs);
    return this.appendEncoded(encoded, message, assigner);
  }

  async appendBatch(batch: BatchToStore, assigner: QueueOffsetAssigner): Promise<PutMessageResult> {
    const refused = this.refusal();
    if (refused) return refused;
    const storeTimestampMs = this.clock.nowMs();
    const encoded = this.encoder.encodeBatch(batch, storeTimestampMs);
    return this.appendEncoded(encoded, batch, assigner);
  }

  /** `target` is the message or batch itself: it names the queue and whether the sender waits for the flush. */
  private async appendEncoded(
    encoded: EncodedRecords | PutMessageResult,
    target: AppendTarget & { readonly waitStoreMsgOK: boolean },
    assigner: QueueOffsetAssigner,
  ): Promise<PutMessageResult> {
    if ('status' in encoded) return encoded;
    const fileSizeBytes = this.config.mappedFileSizeCommitLog;
    if (encoded.totalBytes + END_FILE_MIN_BLANK_BYTES > fileSizeBytes) {
      return putMessageFailure(
        'MESSAGE_ILLEGAL',
        `${encoded.totalBytes} bytes of records cannot fit a ${fileSizeBytes}-byte commit-log segment`,
      );
    }
    const outcome = appendRecordsSync(this.queue, encoded, target, assigner);
    if (outcome.kind === 'create-file-failed') {
      this.logger.error({ err: outcome.error }, 'could not create the next commit-log segment');
      return putMessageFailure('CREATE_MAPPED_FILE_FAILED', 'could not create the next commit-log segment');
    }
    if (outcome.kind === 'write-failed') {
      // Queue offsets were reserved for bytes that are not there: stop taking writes.
      this.markNotWritable(`commit-log write failed at offset ${outcome.offset}`);
      this.logger.error({ err: outcome.error, offset: outcome.offset }, 'commit-log write failed; the store no longer accepts writes');
      return putMessageFailure('UNKNOWN_ERROR', `commit-log write failed at offset ${outcome.offset}`);
    }
    const appendResult = outcome.result;
    this.lastAppendStoreTimestampMs = encoded.storeTimestampMs;
    this.notifyListeners();
    if (this.config.flushDiskType === 'ASYNC_FLUSH') return { status: 'PUT_OK', appendResult, remark: undefined };
    if (!target.waitStoreMsgOK) {
      this.groupCommit.wakeUp();
      return { status: 'PUT_OK', appendResult, remark: undefined };
    }
    const flushStatus = await this.groupCommit.waitForFlush(appendResult.wroteOffset + appendResult.wroteBytes);
    const remark = flushStatus === 'PUT_OK' ? undefined : `not flushed within syncFlushTimeout ${this.config.syncFlushTimeoutMs} ms`;
    return { status: flushStatus, appendResult, remark };
  }

  /**
   * The slave's append (append-replicated.ts): raw bytes from the master at exactly `offset`.
   * Returns the new end of the log; throws ReplicaAppendError. The dispatcher is woken so consume
   * queues and index are rebuilt from the bytes; under SYNC_FLUSH a flush is started (the
   * dispatcher only reads flushed data then). The caller acks once this returns: like RocketMQ's,
   * a slave ack means "in the page cache", not "fsync'd".
   */
  appendReplicated(offset: number, bytes: Buffer): number {
    if (this.notWritableRemark !== undefined) throw new ReplicaAppendError('not-writable', this.notWritableRemark, this.queue.maxOffset());
    let end: number;
    try {
      end = appendReplicatedSync(this.queue, offset, bytes);
    } catch (error) {
      if (error instanceof ReplicaAppendError && error.reason === 'write-failed') {
        this.markNotWritable(error.message);
        this.logger.error({ err: error, offset }, 'replicated commit-log write failed; the store no longer accepts writes');
      }
      throw error;
    }
    if (bytes.length > 0) {
      this.notifyListeners();
      if (this.config.flushDiskType === 'SYNC_FLUSH') this.groupCommit.wakeUp();
    }
    return end;
  }

  private refusal(): PutMessageResult | undefined {
    return this.notWritableRemark === undefined ? undefined : putMessageFailure('SERVICE_NOT_AVAILABLE', this.notWritableRemark);
  }

  /** Puts get SERVICE_NOT_AVAILABLE with `remark` until `markWritable` (disk full, write error). */
  markNotWritable(remark: string): void {
    this.notWritableRemark = remark;
  }

  markWritable(): void {
    this.notWritableRemark = undefined;
  }

  /** Why puts are refused, or undefined when the log is writable. */
  notWritableReason(): string | undefined {
    return this.notWritableRemark;
  }

  /**
   * Flushes everything written so far and records its store time in the checkpoint. Safe to
   * call concurrently with appends and with itself (flushed positions only move forward).
   */
  async flush(): Promise<number> {
    const storeTimestampMs = this.lastAppendStoreTimestampMs;
    const before = this.queue.flushedOffset();
    const startedMs = performance.now();
    const flushed = await this.queue.flush();
    if (flushed > before) publishCommitLogFlush(this.config.storePathCommitLog, startedMs, flushed);
    if (this.checkpoint && storeTimestampMs > 0) this.checkpoint.physicMsgTimestamp = storeTimestampMs;
    // Under SYNC_FLUSH the confirm offset is the flushed offset: the dispatcher may go on.
    if (flushed > before && this.config.flushDiskType === 'SYNC_FLUSH') this.notifyListeners();
    return flushed;
  }

  flushCount(): number {
    return this.groupCommit.flushCount + this.asyncFlush.flushCount;
  }

  // CommitLogReader

  minOffset(): number {
    return this.queue.minOffset();
  }

  maxOffset(): number {
    return this.queue.maxOffset();
  }

  flushedOffset(): number {
    return this.queue.flushedOffset();
  }

  confirmOffset(): number {
    const maxOffset = this.queue.maxOffset();
    if (this.config.readUnCommitted) return maxOffset;
    if (this.heldConfirmOffset !== undefined) return Math.min(this.heldConfirmOffset, maxOffset);
    return this.config.flushDiskType === 'SYNC_FLUSH' ? this.queue.flushedOffset() : maxOffset;
  }

  /**
   * Controller mode: holds the dispatch horizon at the offset the SyncStateSet has confirmed (a
   * slave: the master's confirm offset), so a consumer never reads what a failover could cut;
   * undefined lifts the hold. The replicas' offset replaces the flush rule, as in RocketMQ.
   */
  holdConfirmOffset(offset: number | undefined): void {
    this.heldConfirmOffset = offset;
  }

  async read(offset: number, size: number): Promise<Buffer | undefined> {
    const file = this.queue.findFileByOffset(offset);
    if (!file || size <= 0) return undefined;
    const position = offset - file.fileFromOffset;
    if (position + size > file.wrotePosition) return undefined;
    const bytes = await file.read(position, size);
    return bytes && bytes.length === size ? bytes : undefined;
  }

  async readChunk(offset: number, maxBytes: number): Promise<{ readonly startOffset: number; readonly buffer: Buffer } | undefined> {
    const file = this.queue.findFileByOffset(offset);
    if (!file || maxBytes <= 0) return undefined;
    const position = offset - file.fileFromOffset;
    const size = Math.min(maxBytes, file.wrotePosition - position);
    if (size <= 0) return undefined;
    const buffer = await file.read(position, size);
    return buffer && buffer.length > 0 ? { startOffset: offset, buffer } : undefined;
  }

  rollNextFile(offset: number): number {
    return this.queue.rollNextFile(offset);
  }

  onAppended(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  private notifyListeners(): void {
    for (const listener of this.listeners) listener();
  }
}
