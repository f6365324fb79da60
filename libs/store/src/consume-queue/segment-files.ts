/**
 * Fixed-size segment files named by the 20-digit byte offset they start at, read and written with
 * positional I/O: the consume queue's stand-in for RocketMQ's MappedFileQueue.
 *
 * Reads and writes are synchronous on purpose. Consume-queue entries are 20 bytes and sit in the
 * page cache, so a pread/pwrite costs a few microseconds, less than a round trip through libuv's
 * thread pool, and it keeps "entry written" and "entry visible" the same instant (as an mmap
 * write is in Java). Only fsync, which can block for long, runs asynchronously.
 *
 * New files are created sparse (ftruncate to full size), so unwritten bytes read as zeros: the
 * consume queue relies on that to find its end (an all-zero entry is invalid).
 *
 * Owner: one ConsumeQueue. No method awaits except `flush` and `close`.
 */
import { at } from '@rocketmq-ts/base';
import { closeSync, fdatasync, ftruncateSync, mkdirSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const FILE_NAME_PATTERN = /^\d{20}$/;

/** One segment: its start byte offset and open descriptor. */
interface Segment {
  readonly startOffset: number;
  readonly fd: number;
  dirty: boolean;
}

export function offsetToFileName(offset: number): string {
  return String(offset).padStart(20, '0');
}

export class SegmentFiles {
  private segments: Segment[] = [];

  constructor(
    readonly dir: string,
    readonly fileSizeBytes: number,
  ) {}

  /** Opens every segment already in `dir` (creating `dir` if needed), oldest first. */
  load(): void {
    mkdirSync(this.dir, { recursive: true });
    const names = readdirSync(this.dir).filter((name) => FILE_NAME_PATTERN.test(name));
    names.sort();
    this.segments = names.map((name) => {
      const fd = openSync(join(this.dir, name), 'r+');
      // A file shorter than a segment (torn create) is extended: missing bytes read as zeros.
      ftruncateSync(fd, this.fileSizeBytes);
      return { startOffset: Number(name), fd, dirty: false };
    });
  }

  isEmpty(): boolean {
    return this.segments.length === 0;
  }

  /** Start offset of the oldest segment, or undefined when there is none. */
  firstStartOffset(): number | undefined {
    return this.segments[0]?.startOffset;
  }

  lastStartOffset(): number | undefined {
    return this.segments[this.segments.length - 1]?.startOffset;
  }

  /** Start offsets of all segments, oldest first. */
  startOffsets(): number[] {
    return this.segments.map((segment) => segment.startOffset);
  }

  /** Writes `data` at a byte offset, creating the segment if needed; never spans segments. */
  write(offset: number, data: Uint8Array, length = data.length): void {
    const segment = this.segmentFor(offset) ?? this.createSegment(offset - (offset % this.fileSizeBytes));
    const position = offset - segment.startOffset;
    if (position + length > this.fileSizeBytes) throw new RangeError(`write of ${length} bytes at ${offset} crosses a segment end`);
    writeSync(segment.fd, data, 0, length, position);
    segment.dirty = true;
  }

  /**
   * Reads up to `length` bytes at a byte offset into `target`, stopping at the segment end.
   * Returns the bytes read; 0 when no segment holds the offset.
   */
  read(offset: number, target: Uint8Array, length = target.length): number {
    const segment = this.segmentFor(offset);
    if (segment === undefined) return 0;
    const position = offset - segment.startOffset;
    return readSync(segment.fd, target, 0, Math.min(length, this.fileSizeBytes - position), position);
  }

  /** Zero-fills [offset, endOffset) so stale bytes past a truncation point never look valid again. */
  zeroRange(offset: number, endOffset: number): void {
    const zeros = Buffer.alloc(Math.min(64 * 1024, Math.max(0, endOffset - offset)));
    for (let at = offset; at < endOffset;) {
      const segment = this.segmentFor(at);
      const segmentEnd =
        segment === undefined ? at - (at % this.fileSizeBytes) + this.fileSizeBytes : segment.startOffset + this.fileSizeBytes;
      const length = Math.min(zeros.length, endOffset - at, segmentEnd - at);
      if (segment !== undefined) {
        writeSync(segment.fd, zeros, 0, length, at - segment.startOffset);
        segment.dirty = true;
      }
      at += length;
    }
  }

  /** Deletes segments that start at or after `offset`. */
  deleteFrom(offset: number): void {
    const keep = this.segments.filter((segment) => segment.startOffset < offset);
    for (const segment of this.segments.slice(keep.length)) this.destroy(segment);
    this.segments = keep;
  }

  /** Deletes segments that end at or before `offset`, and returns how many went. */
  deleteBelow(offset: number): number {
    let count = 0;
    while (this.segments.length > 0 && at(this.segments, 0, 'segments').startOffset + this.fileSizeBytes <= offset) {
      this.destroy(this.segments.shift() as Segment);
      count++;
    }
    return count;
  }

  /** fdatasync of every segment written since the last flush. */
  async flush(): Promise<void> {
    const dirty = this.segments.filter((segment) => segment.dirty);
    for (const segment of dirty) segment.dirty = false;
    await Promise.all(
      dirty.map((segment) => new Promise<void>((resolve, reject) => fdatasync(segment.fd, (error) => (error ? reject(error) : resolve())))),
    );
  }

  close(): void {
    for (const segment of this.segments) closeSync(segment.fd);
    this.segments = [];
  }

  /** Closes and removes every segment and the directory itself. */
  destroyAll(): void {
    this.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private segmentFor(offset: number): Segment | undefined {
    const first = this.segments[0];
    if (first === undefined || offset < first.startOffset) return undefined;
    // Segments are contiguous except after a gap a deletion left; index first, then search.
    const guess = this.segments[Math.floor((offset - first.startOffset) / this.fileSizeBytes)];
    if (guess !== undefined && offset >= guess.startOffset && offset < guess.startOffset + this.fileSizeBytes) return guess;
    return this.segments.find((segment) => offset >= segment.startOffset && offset < segment.startOffset + this.fileSizeBytes);
  }

  private createSegment(startOffset: number): Segment {
    const last = this.segments[this.segments.length - 1];
    if (last !== undefined && startOffset <= last.startOffset)
      throw new RangeError(`segment ${startOffset} is not after ${last.startOffset}`);
    mkdirSync(this.dir, { recursive: true });
    const fd = openSync(join(this.dir, offsetToFileName(startOffset)), 'w+');
    ftruncateSync(fd, this.fileSizeBytes);
    const segment = { startOffset, fd, dirty: true };
    this.segments.push(segment);
    return segment;
  }

  private destroy(segment: Segment): void {
    closeSync(segment.fd);
    rmSync(join(this.dir, offsetToFileName(segment.startOffset)), { force: true });
  }
}
