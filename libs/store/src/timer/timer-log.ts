/**
 * The timer log: an append-only sequence of fixed-size records (timer-log-record.ts) in segment
 * files named by their start position, like the consume queue's (SegmentFiles).
 *
 * Invariants:
 * - Records are appended in staging order, never rewritten; a segment holds whole records.
 * - Everything before `endPos` is a valid record; nothing at or after it is (recovery erases
 *   stale bytes past a torn tail, so a later append never lands in front of an old valid record
 *   that a future scan would take for a new one).
 * - Appends are synchronous (page-cache pwrite, a few µs); only `flush` (fdatasync) awaits.
 */
import { SegmentFiles } from '../consume-queue/segment-files';
import { decodeTimerLogRecord, encodeTimerLogRecord, TIMER_LOG_RECORD_BYTES, type TimerLogRecord } from './timer-log-record';

/** Records read per scan step: a multiple of the record size near 64 KiB. */
const SCAN_CHUNK_BYTES = TIMER_LOG_RECORD_BYTES * 1365;

export type TimerLogAppendOutcome =
  { readonly kind: 'appended'; readonly pos: number } | { readonly kind: 'write-failed'; readonly error: unknown };

export interface TimerLogRecovery {
  /** First position past the last valid record. */
  readonly endPos: number;
  /** Bytes past endPos that held something and were erased (a torn or stale tail). */
  readonly erasedBytes: number;
}

export class TimerLog {
  private readonly files: SegmentFiles;
  private end = 0;
  private flushed = 0;
  private readonly scratch = Buffer.alloc(TIMER_LOG_RECORD_BYTES);

  constructor(dir: string, segmentBytes: number) {
    if (segmentBytes < TIMER_LOG_RECORD_BYTES || segmentBytes % TIMER_LOG_RECORD_BYTES !== 0) {
      throw new RangeError(`timer log segment size ${segmentBytes} is not a positive multiple of ${TIMER_LOG_RECORD_BYTES}`);
    }
    this.files = new SegmentFiles(dir, segmentBytes);
  }

  get endPos(): number {
    return this.end;
  }

  get flushedPos(): number {
    return this.flushed;
  }

  /** Start of the oldest segment still on disk (positions below it were deleted). */
  get minPos(): number {
    return this.files.firstStartOffset() ?? this.end;
  }

  /**
   * Opens the segments and walks the records from `fromPos` (the checkpoint's flushed position:
   * everything before it is known valid), calling `visit` for each valid one in order. Stops at
   * the first invalid record, erases what lies beyond it and deletes later segments.
   */
  recover(fromPos: number, visit: (record: TimerLogRecord, pos: number) => void): TimerLogRecovery {
    this.files.load();
    const first = this.files.firstStartOffset();
    if (first === undefined) {
      this.end = this.flushed = Math.max(0, fromPos - (fromPos % TIMER_LOG_RECORD_BYTES));
      return { endPos: this.end, erasedBytes: 0 };
    }
    let pos = Math.max(fromPos - (fromPos % TIMER_LOG_RECORD_BYTES), first);
    const chunk = Buffer.alloc(SCAN_CHUNK_BYTES);
    scan: for (;;) {
      const bytes = this.files.read(pos, chunk);
      if (bytes < TIMER_LOG_RECORD_BYTES) break;
      for (let at = 0; at + TIMER_LOG_RECORD_BYTES <= bytes; at += TIMER_LOG_RECORD_BYTES) {
        const record = decodeTimerLogRecord(chunk, at);
        if (record === undefined) {
          pos += at;
          break scan;
        }
        visit(record, pos + at);
      }
      pos += bytes - (bytes % TIMER_LOG_RECORD_BYTES);
    }
    this.end = this.flushed = pos;
    return { endPos: pos, erasedBytes: this.eraseFrom(pos) };
  }

  append(record: TimerLogRecord): TimerLogAppendOutcome {
    const pos = this.end;
    encodeTimerLogRecord(record, this.scratch);
    try {
      this.files.write(pos, this.scratch);
    } catch (error) {
      return { kind: 'write-failed', error };
    }
    this.end = pos + TIMER_LOG_RECORD_BYTES;
    return { kind: 'appended', pos };
  }

  /** The record at `pos`, or undefined when none is there (deleted segment, never written). */
  read(pos: number): TimerLogRecord | undefined {
    if (pos < 0 || pos >= this.end) return undefined;
    const target = Buffer.alloc(TIMER_LOG_RECORD_BYTES);
    return this.files.read(pos, target) === TIMER_LOG_RECORD_BYTES ? decodeTimerLogRecord(target) : undefined;
  }

  /** fdatasync of what was appended; returns the position now durable. */
  async flush(): Promise<number> {
    const target = this.end;
    await this.files.flush();
    if (target > this.flushed) this.flushed = target;
    return this.flushed;
  }

  /** Deletes whole segments below `pos` (their records were all delivered). Returns how many went. */
  deleteBelow(pos: number): number {
    const last = this.files.lastStartOffset();
    // The segment being written stays, so endPos always has a file behind it.
    return this.files.deleteBelow(last === undefined ? pos : Math.min(pos, last));
  }

  close(): void {
    this.files.close();
  }

  /** Zeroes non-zero bytes from `pos` to its segment end and drops later segments. */
  private eraseFrom(pos: number): number {
    const segmentBytes = this.files.fileSizeBytes;
    const segmentEnd = pos - (pos % segmentBytes) + segmentBytes;
    const chunk = Buffer.alloc(SCAN_CHUNK_BYTES);
    const zeros = Buffer.alloc(SCAN_CHUNK_BYTES);
    let erased = 0;
    for (let at = pos; at < segmentEnd;) {
      const bytes = this.files.read(at, chunk, Math.min(SCAN_CHUNK_BYTES, segmentEnd - at));
      if (bytes === 0) break;
      if (!chunk.subarray(0, bytes).equals(zeros.subarray(0, bytes))) {
        this.files.zeroRange(at, at + bytes);
        erased += bytes;
      }
      at += bytes;
    }
    const later = this.files.startOffsets().filter((start) => start >= segmentEnd);
    if (later.length > 0) this.files.deleteFrom(segmentEnd);
    return erased + later.length * segmentBytes;
  }
}
