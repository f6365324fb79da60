/**
 * The durable timer store (docs/timer-messages.md): the timer log (what waits, in staging order),
 * the wheel (which records belong to which delivery slot) and the checkpoint (how far both are
 * durable and how far delivery got). Storage only: reading the staging queue and writing the
 * delivered message belong to the broker's TimerMessageService.
 *
 * Invariants, relied on by recovery:
 * 1. Every staging offset below `stagingQueueOffset` is in the timer log or was delivered.
 * 2. Every slot before `readTimeMs` is delivered; of the slot at `readTimeMs`, the first
 *    `deliveredInSlot` records in chain order are.
 * 3. The checkpoint's logFlushedPos and stagingQueueOffset only move after the log and then the
 *    wheel were fdatasynced (`flush`), so after power loss they never claim more than the disk has.
 *    Delivery progress is written (without fsync) after every delivered message: a killed process
 *    loses none of it; power loss rolls it back to an older page and re-delivers, never skips.
 * 4. A record is logged only for a slot at or after `readTimeMs`; an earlier time is due now and
 *    the caller delivers it directly.
 *
 * Single owner: one service calls these methods one at a time (its loop is serial), so a slot's
 * chain never grows while it is being delivered.
 */
import { join } from 'node:path';

import { TimerCheckpoint, type TimerCheckpointState } from './timer-checkpoint';
import { TimerLog } from './timer-log';
import { NO_POSITION, type TimerLogRecord } from './timer-log-record';
import { TimerWheel } from './timer-wheel';

export interface TimerStoreOptions {
  /** Timer-log segments (`<root>/timerlog`). */
  readonly timerLogDir: string;
  /** Wheel file (`<root>/timerwheel`). */
  readonly timerWheelPath: string;
  /** Checkpoint file (`<root>/config/timercheck`). */
  readonly checkpointPath: string;
  readonly precisionMs: number;
  /** Ring size: the wheel covers slotCount × precisionMs ahead of the read time. */
  readonly slotCount: number;
  /** Timer-log segment size, a multiple of 48 bytes. */
  readonly logSegmentBytes: number;
}

/** What a staged message asks: deliver the commit-log record at this time. */
export interface TimerEntry {
  readonly deliverAtMs: number;
  readonly commitLogOffset: number;
  readonly size: number;
  readonly stagingQueueOffset: number;
}

export type TimerEnqueueOutcome =
  | { readonly kind: 'logged'; readonly slotTimeMs: number }
  /** Its slot was already delivered: the caller delivers it now, then calls `markStagedHandled`. */
  | { readonly kind: 'due' }
  /** The ring slot still holds an undelivered time; try again once delivery moved on. */
  | { readonly kind: 'wheel-full'; readonly slotTimeMs: number }
  | { readonly kind: 'write-failed'; readonly error: unknown };

export interface TimerRecovery {
  /** Records replayed into the wheel from the log (since the checkpoint, or all on a rebuild). */
  readonly replayedRecords: number;
  /** The wheel file was missing or torn and was rebuilt from the whole log. */
  readonly rebuiltWheel: boolean;
  /** Bytes of a torn or stale timer-log tail that were erased. */
  readonly erasedBytes: number;
}

export type TimerStoreOpenOutcome =
  | { readonly kind: 'opened'; readonly store: TimerStore; readonly recovery: TimerRecovery }
  | { readonly kind: 'precision-changed'; readonly storedPrecisionMs: number };

interface TimerStoreParts {
  readonly log: TimerLog;
  readonly wheel: TimerWheel;
  readonly checkpoint: TimerCheckpoint;
  readonly precisionMs: number;
  readonly progress: {
    stagingQueueOffset: number;
    readTimeMs: number;
    deliveredInSlot: number;
    logFlushedPos: number;
    durableStagingOffset: number;
  };
}

export class TimerStore {
  private stagingOffset: number;
  private readTime: number;
  private delivered: number;
  private durableLogPos: number;
  private durableStagingOffset: number;
  private slotCache:
    | { readonly slotTimeMs: number; readonly firstPos: number; readonly lastPos: number; readonly records: readonly TimerLogRecord[] }
    | undefined;

  private readonly log: TimerLog;
  private readonly wheel: TimerWheel;
  private readonly checkpoint: TimerCheckpoint;
  private readonly precisionMs: number;

  private constructor(parts: TimerStoreParts) {
    ({ log: this.log, wheel: this.wheel, checkpoint: this.checkpoint, precisionMs: this.precisionMs } = parts);
    const { progress } = parts;
    this.stagingOffset = progress.stagingQueueOffset;
    this.readTime = progress.readTimeMs;
    this.delivered = progress.deliveredInSlot;
    this.durableLogPos = progress.logFlushedPos;
    this.durableStagingOffset = progress.durableStagingOffset;
  }

  /**
   * Opens and recovers the store. `nowMs` is the read time of a first start. Synchronous: it runs
   * once at boot, before anything is delivered. Throws only what the file system throws.
   */
  static open(options: TimerStoreOptions, nowMs: number): TimerStoreOpenOutcome {
    const { checkpoint, state } = TimerCheckpoint.open(options.checkpointPath);
    if (state !== undefined && state.precisionMs !== options.precisionMs) {
      checkpoint.close();
      return { kind: 'precision-changed', storedPrecisionMs: state.precisionMs };
    }
    const { wheel, trustworthy } = TimerWheel.load(options.timerWheelPath, options.slotCount, options.precisionMs);
    const rebuild = !trustworthy || state === undefined;
    if (rebuild) {
      // Until the rebuilt wheel is flushed, a crash must lead to another full rebuild, not to a
      // replay from a flushed position the cleared wheel no longer covers.
      if (state !== undefined) checkpoint.writeDurableSync({ ...state, logFlushedPos: 0 });
      wheel.clear();
    }
    // Without a checkpoint nothing is known delivered: every logged slot waits (re-delivery over loss).
    const replayReadTime = state?.readTimeMs ?? Number.NEGATIVE_INFINITY;
    let stagingQueueOffset = state?.stagingQueueOffset ?? 0;
    let replayedRecords = 0;
    let earliestSlot = Number.POSITIVE_INFINITY;
    const log = new TimerLog(options.timerLogDir, options.logSegmentBytes);
    const { erasedBytes } = log.recover(rebuild ? 0 : (state?.logFlushedPos ?? 0), (record: TimerLogRecord, pos: number) => {
      const slotTime = wheel.slotTimeOf(record.deliverAtMs);
      wheel.replay(slotTime, pos, replayReadTime);
      if (slotTime < earliestSlot) earliestSlot = slotTime;
      stagingQueueOffset = Math.max(stagingQueueOffset, record.stagingQueueOffset + 1);
      replayedRecords++;
    });
    const firstStartReadTime = Math.min(wheel.slotTimeOf(nowMs), earliestSlot);
    const store = new TimerStore({
      log,
      wheel,
      checkpoint,
      precisionMs: options.precisionMs,
      progress: {
        stagingQueueOffset,
        readTimeMs: state?.readTimeMs ?? firstStartReadTime,
        deliveredInSlot: state?.deliveredInSlot ?? 0,
        logFlushedPos: state?.logFlushedPos ?? 0,
        durableStagingOffset: state?.stagingQueueOffset ?? 0,
      },
    });
    return { kind: 'opened', store, recovery: { replayedRecords, rebuiltWheel: rebuild, erasedBytes } };
  }

  /** Next rmq_sys_wheel_timer queue offset to read. */
  get stagingQueueOffset(): number {
    return this.stagingOffset;
  }

  /** Next slot to deliver. */
  get readTimeMs(): number {
    return this.readTime;
  }

  get deliveredInSlot(): number {
    return this.delivered;
  }

  /** Slot start of a delivery time (TIMER_OUT_MS is already one; floored again for safety). */
  slotTimeOf(deliverAtMs: number): number {
    return this.wheel.slotTimeOf(deliverAtMs);
  }

  /** Logs a staged message in its slot, or says it is due now or must wait (see TimerEnqueueOutcome). */
  enqueue(entry: TimerEntry): TimerEnqueueOutcome {
    const slotTimeMs = this.wheel.slotTimeOf(entry.deliverAtMs);
    if (slotTimeMs < this.readTime) return { kind: 'due' };
    const prevPos = this.wheel.prevPosFor(slotTimeMs, this.readTime);
    if (prevPos === 'occupied') return { kind: 'wheel-full', slotTimeMs };
    const appended = this.log.append({
      prevPos,
      deliverAtMs: slotTimeMs,
      commitLogOffset: entry.commitLogOffset,
      size: entry.size,
      stagingQueueOffset: entry.stagingQueueOffset,
    });
    if (appended.kind === 'write-failed') return appended;
    this.wheel.attach(slotTimeMs, appended.pos);
    this.stagingOffset = entry.stagingQueueOffset + 1;
    return { kind: 'logged', slotTimeMs };
  }

  /** A staged offset needs no record: it was delivered directly, or is not a timer message. */
  markStagedHandled(stagingQueueOffset: number): void {
    if (stagingQueueOffset >= this.stagingOffset) this.stagingOffset = stagingQueueOffset + 1;
  }

  /** A staging queue that lost its head (files deleted) restarts at its first offset. */
  moveStagingOffset(stagingQueueOffset: number): void {
    this.stagingOffset = stagingQueueOffset;
  }

  /** The slot at the read time when it is due (`nowMs` past its end), else undefined. */
  dueSlot(nowMs: number): number | undefined {
    return nowMs >= this.readTime + this.precisionMs ? this.readTime : undefined;
  }

  /** When the slot at the read time becomes due. */
  nextDueAtMs(): number {
    return this.readTime + this.precisionMs;
  }

  /**
   * The records of a slot in the order they were logged. The chain is walked backwards from the
   * wheel's lastPos; a record missing from the log (a deleted segment) ends the walk early. The
   * last slot read is kept, and a slot that grew since is read back only to its previous end: a
   * slot delivered over several rounds is walked once, not once per round.
   */
  slotRecords(slotTimeMs: number): readonly TimerLogRecord[] {
    const slot = this.wheel.slot(slotTimeMs);
    if (slot === undefined) return [];
    const cached = this.slotCache?.slotTimeMs === slotTimeMs && this.slotCache.firstPos === slot.firstPos ? this.slotCache : undefined;
    if (cached !== undefined && cached.lastPos === slot.lastPos) return cached.records;
    const stopAt = cached?.lastPos ?? NO_POSITION;
    const newer: TimerLogRecord[] = [];
    let pos = slot.lastPos;
    while (pos !== NO_POSITION && pos !== stopAt && pos >= slot.firstPos && newer.length < slot.count) {
      const record = this.log.read(pos);
      if (record === undefined || record.prevPos >= pos) break;
      if (record.deliverAtMs === slotTimeMs) newer.push(record);
      pos = record.prevPos;
    }
    const records = [...(cached?.records ?? []), ...newer.reverse()];
    this.slotCache = { slotTimeMs, firstPos: slot.firstPos, lastPos: slot.lastPos, records };
    return records;
  }

  /** `count` records of the slot at the read time are delivered (kept across a killed process). */
  markDelivered(count: number): void {
    this.delivered = count;
    this.checkpoint.writeSync(this.state());
  }

  /** The slot at the read time is fully delivered: move to the next one. */
  finishSlot(): void {
    this.readTime += this.precisionMs;
    this.delivered = 0;
    this.checkpoint.writeSync(this.state());
  }

  /**
   * A slave's read time follows its master's (metadata sync), so a slave promoted later starts
   * delivering where the master stopped rather than at its own boot time. Never moves back.
   */
  followReadTime(readTimeMs: number, deliveredInSlot: number): void {
    const slotTime = this.wheel.slotTimeOf(readTimeMs);
    if (slotTime < this.readTime || (slotTime === this.readTime && deliveredInSlot <= this.delivered)) return;
    this.readTime = slotTime;
    this.delivered = Math.max(0, deliveredInSlot);
    this.checkpoint.writeSync(this.state());
  }

  /**
   * Makes what was enqueued durable: timer log, then wheel, then the checkpoint naming them
   * (invariant 3). The caller's loop must not enqueue while this runs.
   */
  async flush(): Promise<void> {
    const stagingQueueOffset = this.stagingOffset;
    const logFlushedPos = await this.log.flush();
    await this.wheel.flushDirty();
    this.durableLogPos = logFlushedPos;
    this.durableStagingOffset = stagingQueueOffset;
    await this.checkpoint.write(this.state(), true);
  }

  /** Deletes timer-log segments no undelivered slot reaches into; returns how many went. */
  deleteDeliveredSegments(): number {
    return this.log.deleteBelow(this.wheel.minLivePos(this.readTime) ?? this.log.endPos);
  }

  /** Messages logged and not yet delivered. */
  backlog(): number {
    return Math.max(0, this.wheel.liveCount(this.readTime) - this.delivered);
  }

  get logEndPos(): number {
    return this.log.endPos;
  }

  async close(): Promise<void> {
    await this.flush();
    this.log.close();
    this.wheel.close();
    this.checkpoint.close();
  }

  private state(): TimerCheckpointState {
    return {
      precisionMs: this.precisionMs,
      logFlushedPos: this.durableLogPos,
      stagingQueueOffset: this.durableStagingOffset,
      readTimeMs: this.readTime,
      deliveredInSlot: this.delivered,
    };
  }
}

/** The default layout under a store root, as Apache RocketMQ names it. */
export function timerStorePaths(
  storePathRootDir: string,
  storePathConfig: string,
): Pick<TimerStoreOptions, 'timerLogDir' | 'timerWheelPath' | 'checkpointPath'> {
  return {
    timerLogDir: join(storePathRootDir, 'timerlog'),
    timerWheelPath: join(storePathRootDir, 'timerwheel'),
    checkpointPath: join(storePathConfig, 'timercheck'),
  };
}
