/**
 * ReputMessageService (docs/store-and-ha.md#consume-queues): turns appended commit-log records into consume-queue
 * entries and index keys, then tells the message-arriving listeners (long polling).
 *
 * Event-driven instead of RocketMQ's 1 ms loop: drain everything up to the horizon
 * (`confirmOffset()`), then sleep until the commit log reports an append or the periodic tick
 * fires (the tick covers a horizon that moves without an append, e.g. a SYNC_FLUSH fsync).
 *
 * Invariants: records are dispatched in commit-log order, exactly once per process (the consume
 * queue and the index also skip replays, which makes re-dispatch after a restart safe);
 * `reputFromOffset` is always at a record boundary or a segment start. The last is asserted as
 * `reput.record-boundary`: every chunk must start exactly at `reputFromOffset` (a reader that
 * returns other bytes, or a position moved during the read, would parse the middle of a record),
 * and the position is set from outside only while the service is stopped.
 *
 * Owner: the DefaultMessageStore. One drain runs at a time; `drain` awaits only commit-log reads.
 */
import {
  assert,
  InvariantViolation,
  type Logger,
  rethrowInvariantViolation,
  systemClock,
  type TimerHandle,
  type Timers,
} from '@rocketmq-ts/base';

import type { CommitLogChunk, CommitLogReader } from '../store-internals';
import {
  type DeliverTimestampOf,
  MutableDispatchRequest,
  READ_BLANK,
  READ_CORRUPT,
  READ_INCOMPLETE,
  readDispatchRecord,
} from './dispatch-record-reader';

/** Bytes read from the commit log per step: records are parsed in place out of each chunk. */
const CHUNK_BYTES = 1024 * 1024;

/** Receives every dispatched record, in commit-log order (the request object is reused). */
export type Dispatcher = (request: MutableDispatchRequest) => void;

export interface ReputMessageServiceParts {
  readonly reader: CommitLogReader;
  readonly dispatch: Dispatcher;
  readonly tickMs: number;
  readonly logger: Logger;
  readonly deliverTimestampOf?: DeliverTimestampOf;
  /** The dispatch tick. Default: real timers. */
  readonly timers?: Timers;
}

export class ReputMessageService {
  private reputFromOffset = 0;
  private readonly request = new MutableDispatchRequest();
  private running = false;
  private wakePending = false;
  private wakeUp: (() => void) | undefined;
  private tickTimer: TimerHandle | undefined;
  private loop: Promise<void> | undefined;
  private draining: Promise<void> | undefined;
  private reportedCorruptAt = -1;

  private readonly reader: CommitLogReader;
  private readonly dispatch: Dispatcher;
  private readonly tickMs: number;
  private readonly logger: Logger;
  private readonly deliverTimestampOf: DeliverTimestampOf | undefined;
  private readonly timers: Timers;

  constructor(parts: ReputMessageServiceParts) {
    ({
      reader: this.reader,
      dispatch: this.dispatch,
      tickMs: this.tickMs,
      logger: this.logger,
      deliverTimestampOf: this.deliverTimestampOf,
    } = parts);
    this.timers = parts.timers ?? systemClock;
    this.reader.onAppended(() => this.wake());
  }

  getReputFromOffset(): number {
    return this.reputFromOffset;
  }

  /** Where dispatch resumes; only before `start`. */
  setReputFromOffset(offset: number): void {
    assert(!this.running, 'reput.record-boundary', 'the dispatch position is set only while dispatch is stopped');
    this.reputFromOffset = offset;
  }

  /** Bytes below the horizon not yet dispatched (what is held past the horizon is not behind). */
  behindBytes(): number {
    return Math.max(0, this.reader.confirmOffset() - this.reputFromOffset);
  }

  /** The horizon moved without an append (a confirm offset advanced): dispatch now, not at the next tick. */
  horizonMoved(): void {
    this.wake();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.tickTimer = this.timers.setInterval(() => this.wake(), this.tickMs);
    this.tickTimer.unref();
    this.loop = this.run();
  }

  /** Stops after the drain in progress; the rest waits for the next start (or shutdown's drain). */
  async stop(): Promise<void> {
    this.running = false;
    this.timers.clearInterval(this.tickTimer);
    this.wake();
    await this.loop;
  }

  /** Dispatches everything up to the horizon now; joins a drain already under way. */
  drain(): Promise<void> {
    if (this.draining === undefined) this.draining = this.drainOnce().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.drain();
      } catch (error) {
        rethrowInvariantViolation(error);
        this.logger.error({ err: error, reputFromOffset: this.reputFromOffset }, 'dispatch failed; retrying on the next wake-up');
      }
      await this.nextWake();
    }
  }

  private async drainOnce(): Promise<void> {
    let wantBytes = CHUNK_BYTES;
    while (this.reputFromOffset < this.reader.confirmOffset()) {
      if (this.reputFromOffset < this.reader.minOffset()) {
        // From 0 this is a log that begins past 0 (a new slave starts at the master's last segment).
        if (this.reputFromOffset > 0)
          this.logger.warn(
            { from: this.reputFromOffset, to: this.reader.minOffset() },
            'dispatch position below the commit log: skipped to its start',
          );
        this.reputFromOffset = this.reader.minOffset();
        continue;
      }
      const horizon = this.reader.confirmOffset();
      const chunk = await this.reader.readChunk(this.reputFromOffset, Math.min(wantBytes, horizon - this.reputFromOffset));
      if (chunk === undefined || chunk.buffer.length === 0) {
        // Below the horizon but nothing written here: the rest of this segment is unused.
        this.reputFromOffset = this.reader.rollNextFile(this.reputFromOffset);
        continue;
      }
      if (chunk.startOffset !== this.reputFromOffset) {
        throw new InvariantViolation(
          'reput.record-boundary',
          `read a chunk at ${chunk.startOffset} while dispatch stands at ${this.reputFromOffset}`,
        );
      }
      const outcome = this.dispatchChunk(chunk);
      if (outcome === READ_CORRUPT) return;
      // A record larger than the chunk: read it whole next time; if it is past the horizon, wait.
      if (outcome > 0) {
        if (outcome > horizon - this.reputFromOffset) return;
        wantBytes = Math.max(CHUNK_BYTES, outcome);
      } else wantBytes = CHUNK_BYTES;
    }
  }

  /**
   * Dispatches the whole records of one chunk and advances the position past them. Returns 0
   * when done with the chunk, READ_CORRUPT when stuck at a bad record, or the size of a record
   * that starts the chunk but does not fit in it.
   */
  private dispatchChunk(chunk: CommitLogChunk): number {
    const { buffer, startOffset } = chunk;
    let position = 0;
    while (position < buffer.length) {
      const size = readDispatchRecord(chunk, position, this.request, this.deliverTimestampOf);
      if (size === READ_BLANK) {
        this.reputFromOffset = this.reader.rollNextFile(startOffset + position);
        return 0;
      }
      if (size === READ_INCOMPLETE) {
        if (position > 0) return 0;
        return buffer.length < 8 ? 8 : buffer.readInt32BE(0);
      }
      if (size === READ_CORRUPT) {
        this.reportCorrupt(startOffset + position);
        return READ_CORRUPT;
      }
      this.dispatch(this.request);
      position += size;
      this.reputFromOffset = startOffset + position;
    }
    return 0;
  }

  /** Logged once per position: the dispatcher stays there, since skipping could lose messages. */
  private reportCorrupt(offset: number): void {
    if (offset === this.reportedCorruptAt) return;
    this.reportedCorruptAt = offset;
    this.logger.error({ commitLogOffset: offset }, 'dispatch stopped at a record that does not parse');
  }

  private wake(): void {
    this.wakePending = true;
    const wakeUp = this.wakeUp;
    this.wakeUp = undefined;
    wakeUp?.();
  }

  private nextWake(): Promise<void> {
    if (this.wakePending || !this.running) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.wakeUp = () => {
        this.wakePending = false;
        resolve();
      };
    });
  }
}
