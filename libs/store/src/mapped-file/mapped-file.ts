/**
 * One preallocated segment file with RocketMQ's positions, on positional file I/O instead of mmap
 * (docs/store-and-ha.md#files-and-io).
 *
 * - wrotePosition: bytes handed to the kernel (pwrite). "committed" is the same position: there
 *   is no user-space write buffer, so a process crash loses nothing that was written.
 * - flushedPosition: bytes covered by a finished fdatasync.
 *
 * Why appends are synchronous (`appendSync`): a 1 KiB pwrite into the page cache takes about
 * 2 µs with `fs.writeSync`, against about 57 µs for one awaited `FileHandle.write` (a libuv
 * thread-pool round trip) on the development machine. The commit log's single writer is then a
 * plain synchronous critical section: nothing can interleave between reserving a position and
 * writing its bytes. Reads and fdatasync stay asynchronous; they may be slow and never reorder
 * appends.
 *
 * Ownership: the commit log (or consume queue) that holds the file is its only writer. Readers
 * may call `read` at any time; `destroy` waits for reads in flight before closing the descriptor,
 * so a read never lands on a descriptor number the kernel has handed to another file.
 */
import { close, closeSync, fdatasync, fdatasyncSync, fstatSync, ftruncateSync, openSync, read, unlink, writeSync } from 'node:fs';

/** fdatasync as a promise; replaceable so tests can count or delay flushes. */
export type DatasyncFunction = (fd: number) => Promise<void>;

export const fdatasyncPromise: DatasyncFunction = (fd) =>
  new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));

export interface MappedFileOptions {
  readonly path: string;
  readonly fileFromOffset: number;
  readonly fileSizeBytes: number;
  readonly datasync?: DatasyncFunction;
}

export class MappedFile {
  readonly path: string;
  /** Global offset of this file's first byte. */
  readonly fileFromOffset: number;
  readonly fileSizeBytes: number;
  wrotePosition = 0;
  flushedPosition = 0;

  private readonly fd: number;
  private readonly datasync: DatasyncFunction;
  private readsInFlight = 0;
  private closed = false;
  private onReadsDrained: (() => void) | undefined;

  private constructor(options: MappedFileOptions, fd: number) {
    this.path = options.path;
    this.fileFromOffset = options.fileFromOffset;
    this.fileSizeBytes = options.fileSizeBytes;
    this.datasync = options.datasync ?? fdatasyncPromise;
    this.fd = fd;
  }

  /**
   * Creates a new, empty segment and sets its length with ftruncate. The file is sparse: disk
   * blocks are taken as data is written, so "disk full" shows up on a later write, not here.
   * Synchronous because the append path rolls to a new file inside its critical section.
   */
  static createSync(options: MappedFileOptions): MappedFile {
    const fd = openSync(options.path, 'wx+');
    try {
      ftruncateSync(fd, options.fileSizeBytes);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    return new MappedFile(options, fd);
  }

  /** Opens an existing segment. Positions start at the file end; recovery sets the real ones. */
  static openSync(options: MappedFileOptions): MappedFile {
    const fd = openSync(options.path, 'r+');
    const file = new MappedFile(options, fd);
    file.wrotePosition = options.fileSizeBytes;
    file.flushedPosition = options.fileSizeBytes;
    return file;
  }

  /** Size on disk as the file system reports it (the load check compares it with the configured size). */
  statSizeBytes(): number {
    return fstatSync(this.fd).size;
  }

  remainingBytes(): number {
    return this.fileSizeBytes - this.wrotePosition;
  }

  isFull(): boolean {
    return this.wrotePosition >= this.fileSizeBytes;
  }

  /** Global offset after the last written byte. */
  wroteOffset(): number {
    return this.fileFromOffset + this.wrotePosition;
  }

  /**
   * Writes `source[start, start + length)` at the wrote position and advances it. The caller
   * checked that the bytes fit. Throws the file system's error (EIO, ENOSPC); the position then
   * stays where it was.
   */
  appendSync(source: Buffer, start: number, length: number): void {
    let done = 0;
    while (done < length) {
      done += writeSync(this.fd, source, start + done, length - done, this.wrotePosition + done);
    }
    this.wrotePosition += length;
  }

  /** Writes at a position without moving the wrote position (BLANK marker of a full file). */
  writeAtSync(source: Buffer, start: number, length: number, position: number): void {
    let done = 0;
    while (done < length) done += writeSync(this.fd, source, start + done, length - done, position + done);
  }

  /**
   * Zeroes `length` bytes at `position` and fdatasyncs at once, without moving any position: a
   * cut log tail then reads as never written, even after a crash (the replica truncation).
   */
  eraseAtSync(position: number, length: number): void {
    const zeros = Buffer.alloc(length);
    this.writeAtSync(zeros, 0, length, position);
    fdatasyncSync(this.fd);
  }

  /**
   * Bytes [position, position + size) of this file, or undefined once the file is being
   * destroyed. May return fewer bytes only if the file was cut short outside the store.
   */
  async read(position: number, size: number): Promise<Buffer | undefined> {
    if (this.closed) return undefined;
    this.readsInFlight++;
    try {
      const target = Buffer.allocUnsafe(size);
      let done = 0;
      while (done < size) {
        const bytes = await readAt(this.fd, target, done, position + done);
        if (bytes === 0) break;
        done += bytes;
      }
      return done === size ? target : target.subarray(0, done);
    } finally {
      this.readsInFlight--;
      if (this.readsInFlight === 0) this.onReadsDrained?.();
    }
  }

  /**
   * fdatasync when anything is unflushed; returns the flushed position. The target is taken
   * before the sync starts: bytes written during the sync may or may not be covered, so they are
   * left for the next flush.
   */
  async flush(): Promise<number> {
    const target = this.wrotePosition;
    if (target <= this.flushedPosition || this.closed) return this.flushedPosition;
    await this.datasync(this.fd);
    if (target > this.flushedPosition) this.flushedPosition = target;
    return this.flushedPosition;
  }

  /** Closes the descriptor once reads in flight are done. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.readsInFlight > 0) await new Promise<void>((resolve) => (this.onReadsDrained = resolve));
    await new Promise<void>((resolve, reject) => close(this.fd, (error) => (error ? reject(error) : resolve())));
  }

  /** Closes and deletes the file (retention, recovery truncation). */
  async destroy(): Promise<void> {
    await this.close();
    await new Promise<void>((resolve, reject) =>
      unlink(this.path, (error) => (error && error.code !== 'ENOENT' ? reject(error) : resolve())),
    );
  }

  isClosed(): boolean {
    return this.closed;
  }
}

/** Reads from file `position` into `target[offset..]`, as much as fits up to the end of `target`. */
function readAt(fd: number, target: Buffer, offset: number, position: number): Promise<number> {
  const length = target.length - offset;
  return new Promise((resolve, reject) =>
    read(fd, target, offset, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))),
  );
}
