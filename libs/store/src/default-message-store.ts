/**
 * DefaultMessageStore: the MessageStore port over the commit log and what is derived from it
 * (consume queues, index), with their background services. Composition and lifecycle live
 * here; opening and recovery in default-message-store-open.ts, the pull path in
 * default-message-store-get.ts, key and offset reads in default-message-store-query.ts.
 *
 * Lifecycle: `open` (load, recover, re-dispatch, start services) → puts and reads →
 * `shutdown` (drain dispatch, flush everything, checkpoint, remove the abort file). `halt`
 * stops without any of the clean-shutdown steps, as a crash would leave the files.
 *
 * Ownership: puts go straight to the commit log's single writer; the dispatcher alone writes
 * consume queues and index; reads never write. Awaits are only on file I/O.
 */
import { totalmem } from 'node:os';

import { deleteAbortFile } from './checkpoint/abort-file';
import { ReplicaAppendError } from './commit-log/append-replicated';
import { CommitLogCleaner } from './cleanup/commit-log-cleaner';
import { storeTimestampAt, offsetByStoreTime, readStoreTimestamp } from './consume-queue/store-time';
import type { ConsumeQueue } from './consume-queue/consume-queue';
import { entryCommitLogOffset, isRealEntry } from './consume-queue/consume-queue-entry';
import { getMessage, type GetMessageContext } from './default-message-store-get';
import { StoreHousekeeping } from './default-message-store-housekeeping';
import { openStoreParts, type StoreDeps, type StoreParts } from './default-message-store-open';
import { lookMessageByOffset, queryMessage } from './default-message-store-query';
import { runtimeInfo } from './default-message-store-runtime-info';
import type {
  BatchToStore,
  BoundaryType,
  GetMessageRequest,
  GetMessageResult,
  MessageArrivingListener,
  MessageStore,
  MessageToStore,
  PutMessageResult,
  QueryMessageRequest,
  QueryMessageResult,
} from './message-store';
import type { StoreConfig, StoreRole } from './store-config';

export type TruncateOutcome =
  { readonly kind: 'truncated'; readonly from: number; readonly to: number } | { readonly kind: 'refused'; readonly reason: string };

export class DefaultMessageStore implements MessageStore {
  private readonly housekeeping: StoreHousekeeping;
  private readonly cleaner: CommitLogCleaner;
  private readonly getContext: GetMessageContext;
  private state: 'running' | 'stopping' | 'stopped' = 'running';
  private putMessageTimesTotal = 0;
  private putMessageSizeTotal = 0;
  private putMessageFailedTimes = 0;
  private earliestMessageTime = { minOffset: -1, storeTimestampMs: -1 };
  private readonly segmentsDeletedListeners: Array<(minOffset: number) => void> = [];

  private constructor(private readonly parts: StoreParts) {
    this.housekeeping = new StoreHousekeeping(parts);
    const { commitLog, config, deps } = parts;
    this.cleaner = new CommitLogCleaner({
      commitLog,
      config,
      logger: deps.logger,
      clock: deps.clock,
      timers: deps.timers,
      onDeleted: () => this.afterSegmentsDeleted(),
    });
    const memoryBytes = Math.floor((totalmem() * parts.config.accessMessageInMemoryMaxRatio) / 100);
    this.getContext = { config: parts.config, role: parts.role, commitLog: parts.commitLog, memoryBytes };
  }

  /** Opens (creating if needed) and recovers the store under config.storePathRootDir, then starts its services. */
  static async open(config: StoreConfig, deps: StoreDeps): Promise<DefaultMessageStore> {
    const store = new DefaultMessageStore(await openStoreParts(config, deps));
    store.start();
    return store;
  }

  private start(): void {
    this.parts.commitLog.start();
    this.parts.reput.start();
    this.housekeeping.start();
    this.cleaner.start();
    void this.refreshEarliestMessageTime();
  }

  async putMessage(message: MessageToStore): Promise<PutMessageResult> {
    return this.counted(this.refusal() ?? (await this.parts.commitLog.append(message, this.parts.consumeQueues)));
  }

  async putMessages(batch: BatchToStore): Promise<PutMessageResult> {
    return this.counted(this.refusal() ?? (await this.parts.commitLog.appendBatch(batch, this.parts.consumeQueues)));
  }

  async getMessage(request: GetMessageRequest): Promise<GetMessageResult> {
    if (this.state !== 'running') {
      // Files are closed: the consumer retries the same offset later (PULL_NOT_FOUND).
      const bounds = {
        minOffset: this.getMinOffsetInQueue(request.topic, request.queueId),
        maxOffset: this.getMaxOffsetInQueue(request.topic, request.queueId),
      };
      return { status: 'OFFSET_FOUND_NULL', messages: [], nextBeginOffset: request.offset, ...bounds, suggestPullingFromSlave: false };
    }
    return getMessage(this.getContext, this.parts.consumeQueues.find(request.topic, request.queueId), request);
  }

  getMaxOffsetInQueue(topic: string, queueId: number): number {
    return this.parts.consumeQueues.find(topic, queueId)?.getMaxOffsetInQueue() ?? 0;
  }

  getMinOffsetInQueue(topic: string, queueId: number): number {
    return this.parts.consumeQueues.find(topic, queueId)?.getMinOffsetInQueue() ?? 0;
  }

  async getOffsetInQueueByTime(topic: string, queueId: number, timestampMs: number, boundary: BoundaryType): Promise<number> {
    const queue = this.openQueue(topic, queueId);
    return queue === undefined ? 0 : offsetByStoreTime(queue, this.parts.commitLog, timestampMs, boundary);
  }

  async getEarliestMessageTime(topic: string, queueId: number): Promise<number> {
    return this.getMessageStoreTimestamp(topic, queueId, this.getMinOffsetInQueue(topic, queueId));
  }

  async getMessageStoreTimestamp(topic: string, queueId: number, queueOffset: number): Promise<number> {
    const queue = this.openQueue(topic, queueId);
    return queue === undefined ? -1 : storeTimestampAt(queue, this.parts.commitLog, queueOffset);
  }

  async getCommitLogOffsetInQueue(topic: string, queueId: number, queueOffset: number): Promise<number> {
    const queue = this.openQueue(topic, queueId);
    if (queue === undefined || queueOffset < queue.getMinOffsetInQueue()) return -1;
    const entry = queue.readEntries(queueOffset, 1);
    return entry.length > 0 && isRealEntry(entry, 0) ? entryCommitLogOffset(entry, 0) : -1;
  }

  async lookMessageByOffset(commitLogOffset: number): Promise<Buffer | undefined> {
    if (this.state !== 'running') return undefined;
    return lookMessageByOffset(this.parts.commitLog, commitLogOffset);
  }

  async queryMessage(query: QueryMessageRequest): Promise<QueryMessageResult> {
    if (this.state !== 'running') return { messages: [], indexLastUpdateTimestamp: 0, indexLastUpdatePhyoffset: 0 };
    const cappedMaxNum = Math.max(0, Math.min(query.maxNum, this.parts.config.maxMsgsNumBatch));
    return queryMessage(this.parts.commitLog, this.parts.index, { ...query, maxNum: cappedMaxNum });
  }

  async deleteTopics(topics: readonly string[]): Promise<void> {
    for (const topic of topics) this.parts.consumeQueues.deleteTopic(topic);
  }

  onMessageArriving(listener: MessageArrivingListener): void {
    this.parts.listeners.push(listener);
  }

  getMinPhyOffset(): number {
    return this.parts.commitLog.minOffset();
  }

  getMaxPhyOffset(): number {
    return this.parts.commitLog.maxOffset();
  }

  // Replication (libs/ha): the master streams raw commit-log chunks, the slave appends them.

  /**
   * Slave only: appends bytes replicated from the master at exactly `offset` (the end of the log,
   * or any segment start while the log is empty) and returns the new max phy offset. Consume
   * queues and index are rebuilt from them by the dispatcher. Throws ReplicaAppendError.
   */
  appendReplicated(offset: number, bytes: Buffer): number {
    if (this.state !== 'running')
      throw new ReplicaAppendError('not-writable', 'the message store has been shut down', this.getMaxPhyOffset());
    if (this.parts.role.current !== 'SLAVE') {
      throw new ReplicaAppendError(
        'not-writable',
        `the message store is a ${this.parts.role.current}: only a slave takes replicated bytes`,
        this.getMaxPhyOffset(),
      );
    }
    return this.parts.commitLog.appendReplicated(offset, bytes);
  }

  /**
   * Up to `maxBytes` raw commit-log bytes from `offset`, never past the end of its segment's
   * written data; undefined when nothing is there (or the store is closed).
   */
  async readCommitLog(offset: number, maxBytes: number): Promise<{ readonly startOffset: number; readonly buffer: Buffer } | undefined> {
    if (this.state !== 'running') return undefined;
    return this.parts.commitLog.readChunk(offset, maxBytes);
  }

  /** `listener` runs synchronously after every commit-log append; keep it cheap. Returns the unsubscribe. */
  onCommitLogAppended(listener: () => void): () => void {
    return this.parts.commitLog.onAppended(listener);
  }

  /**
   * `listener` runs after retention deleted old commit-log segments, with the new min offset (a
   * controller-mode broker trims its epoch file there). Returns the unsubscribe.
   */
  onCommitLogSegmentsDeleted(listener: (minOffset: number) => void): () => void {
    this.segmentsDeletedListeners.push(listener);
    return () => {
      const at = this.segmentsDeletedListeners.indexOf(listener);
      if (at >= 0) this.segmentsDeletedListeners.splice(at, 1);
    };
  }

  private afterSegmentsDeleted(): void {
    this.housekeeping.deleteDerivedFiles();
    const minOffset = this.parts.commitLog.minOffset();
    for (const listener of this.segmentsDeletedListeners) listener(minOffset);
  }

  commitLogSegmentBytes(): number {
    return this.parts.config.mappedFileSizeCommitLog;
  }

  // Controller mode (docs/controller-mode-broker.md): the role moves at runtime, and a replica may cut its tail.

  getRole(): StoreRole {
    return this.parts.role.current;
  }

  /**
   * Takes effect for the next put, replicated append and pull. Leaving SLAVE first dispatches
   * everything replicated and rebuilds the queue-offset table from the consume queues (a slave's
   * table is not kept: its queue offsets come with the master's records), so the first put as
   * master continues every queue where the copied data ends.
   */
  async setRole(role: StoreRole): Promise<void> {
    const from = this.parts.role.current;
    if (role === from) return;
    if (from === 'SLAVE') {
      while (this.parts.reput.behindBytes() > 0 && this.state === 'running') await this.parts.reput.drain();
      this.parts.consumeQueues.rebuildQueueOffsetTable();
    }
    this.parts.deps.logger.info({ from, to: role }, 'message store role changed');
    this.parts.role.current = role;
  }

  /**
   * Cuts the commit log at `offset` and everything derived from it: dispatch stops, consume-queue
   * entries at or past the cut go, the log is cut (crash-safe, see CommitLog.truncateTo), the
   * queue-offset table is rebuilt from the queues, and dispatch resumes at min(old position, cut).
   * Refused (nothing changed) unless `offset` is a record boundary within the log. Index entries
   * past the cut stay: a key query reads the record at the offset and checks its key and topic.
   */
  async truncateTo(offset: number): Promise<TruncateOutcome> {
    const { commitLog, reput, consumeQueues } = this.parts;
    const maxOffset = commitLog.maxOffset();
    if (this.state !== 'running') return { kind: 'refused', reason: 'the message store has been shut down' };
    if (offset === maxOffset) return { kind: 'truncated', from: maxOffset, to: offset };
    if (offset > maxOffset || offset < commitLog.minOffset())
      return { kind: 'refused', reason: `offset ${offset} is outside the commit log [${commitLog.minOffset()}, ${maxOffset})` };
    if (!(await commitLog.isRecordBoundary(offset))) return { kind: 'refused', reason: `offset ${offset} is not a record boundary` };
    await reput.stop();
    try {
      consumeQueues.truncateDirty(offset);
      await commitLog.truncateTo(offset);
      consumeQueues.rebuildQueueOffsetTable();
      reput.setReputFromOffset(Math.min(reput.getReputFromOffset(), offset));
    } finally {
      if (this.state === 'running') reput.start();
    }
    this.parts.deps.logger.warn({ from: maxOffset, to: offset }, `commit log truncated from ${maxOffset} to ${offset}`);
    return { kind: 'truncated', from: maxOffset, to: offset };
  }

  /**
   * Controller mode: consumers see nothing past `offset`, what the replicas confirmed
   * (docs/controller-mode-broker.md#confirm-offset); undefined lifts the hold. Ignored with
   * readUnCommitted=true.
   */
  holdConfirmOffset(offset: number | undefined): void {
    const before = this.parts.commitLog.confirmOffset();
    this.parts.commitLog.holdConfirmOffset(offset);
    if (this.parts.commitLog.confirmOffset() > before) this.parts.reput.horizonMoved();
  }

  /** Where dispatch may run to: the held confirm offset, else the flushed (SYNC_FLUSH) or max offset. */
  getConfirmOffset(): number {
    return this.parts.commitLog.confirmOffset();
  }

  dispatchBehindBytes(): number {
    return this.parts.reput.behindBytes();
  }

  /** True when the previous run did not shut down cleanly (recovery was abnormal). */
  recoveredFromCrash(): boolean {
    return !this.parts.lastExitOk;
  }

  getRuntimeInfo(): Record<string, string> {
    const { commitLog, config } = this.parts;
    if (this.earliestMessageTime.minOffset !== commitLog.minOffset()) void this.refreshEarliestMessageTime();
    return runtimeInfo({
      commitLogDir: config.storePathCommitLog,
      commitLogMinOffset: commitLog.minOffset(),
      commitLogMaxOffset: commitLog.maxOffset(),
      dispatchBehindBytes: this.dispatchBehindBytes(),
      earliestMessageTimeStamp: this.earliestMessageTime.storeTimestampMs,
      putMessageTimesTotal: this.putMessageTimesTotal,
      putMessageSizeTotal: this.putMessageSizeTotal,
      putMessageFailedTimes: this.putMessageFailedTimes,
    });
  }

  /**
   * Clean shutdown: dispatch what is left, flush commit log, consume queues and index, write the
   * checkpoint, then remove the abort file, so the next open recovers normally.
   */
  async shutdown(): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'stopping';
    const { reput, commitLog, consumeQueues, index, checkpoint, config, releaseLock } = this.parts;
    this.cleaner.stop();
    await reput.stop();
    await reput.drain();
    await this.housekeeping.stop();
    await commitLog.shutdown();
    await this.housekeeping.flushAll();
    consumeQueues.close();
    await index?.close();
    checkpoint.close();
    if (reput.behindBytes() === 0) deleteAbortFile(config.abortFile);
    releaseLock();
    this.state = 'stopped';
  }

  /**
   * Stops services and closes files without flushing derived data, writing the checkpoint or
   * removing the abort file: the files are left as a killed process leaves them (crash specs,
   * and fatal errors where a clean shutdown would be a lie).
   */
  async halt(): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'stopping';
    this.cleaner.stop();
    await this.parts.reput.stop();
    await this.housekeeping.stop();
    await this.parts.commitLog.shutdown();
    this.parts.consumeQueues.close();
    this.parts.index?.closeWithoutFlush();
    this.parts.checkpoint.close();
    this.parts.releaseLock();
    this.state = 'stopped';
  }

  /** The queue, when the store is open to read it (its files close at shutdown). */
  private openQueue(topic: string, queueId: number): ConsumeQueue | undefined {
    return this.state === 'running' ? this.parts.consumeQueues.find(topic, queueId) : undefined;
  }

  private refusal(): PutMessageResult | undefined {
    if (this.state !== 'running')
      return { status: 'SERVICE_NOT_AVAILABLE', appendResult: undefined, remark: 'the message store has been shut down' };
    if (this.parts.role.current === 'SLAVE')
      return { status: 'SERVICE_NOT_AVAILABLE', appendResult: undefined, remark: 'the message store is a slave: writes go to the master' };
    return undefined;
  }

  private counted(result: PutMessageResult): PutMessageResult {
    if (result.appendResult === undefined) this.putMessageFailedTimes++;
    else {
      this.putMessageTimesTotal += result.appendResult.msgNum;
      this.putMessageSizeTotal += result.appendResult.wroteBytes;
    }
    return result;
  }

  private async refreshEarliestMessageTime(): Promise<void> {
    const minOffset = this.parts.commitLog.minOffset();
    try {
      const storeTimestampMs =
        this.parts.commitLog.maxOffset() > minOffset ? await readStoreTimestamp(this.parts.commitLog, minOffset) : -1;
      this.earliestMessageTime = { minOffset, storeTimestampMs };
    } catch (error) {
      // Racing a shutdown or a segment deletion: the next getRuntimeInfo tries again.
      this.parts.deps.logger.debug({ err: error }, 'could not read the earliest message time');
    }
  }
}
