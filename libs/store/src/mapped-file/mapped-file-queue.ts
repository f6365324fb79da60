/**
 * The ordered segments of one log (the commit log, or one consume queue) in one directory.
 * Segments are contiguous: file i starts at `first.fileFromOffset + i * fileSizeBytes`, so an
 * offset finds its file by arithmetic.
 *
 * Ownership: one writer (the log that owns the queue) appends to the last file and rolls; the
 * cleaner removes files from the front and recovery truncates from the back, both on the owner's
 * behalf. `files` is replaced, never mutated in place, so a reader holding the old array keeps a
 * consistent view.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Logger } from '@rocketmq-ts/base';

import { type DatasyncFunction, MappedFile } from './mapped-file';
import { parseSegmentFileName, segmentFileName } from './segment-file-name';

export interface MappedFileQueueOptions {
  readonly directory: string;
  readonly fileSizeBytes: number;
  readonly logger: Logger;
  readonly datasync?: DatasyncFunction;
}

export type MappedFileQueueLoadResult = { readonly ok: true; readonly files: number } | { readonly ok: false; readonly reason: string };

export class MappedFileQueue {
  readonly directory: string;
  readonly fileSizeBytes: number;
  private files: readonly MappedFile[] = [];
  private readonly logger: Logger;
  private readonly datasync: DatasyncFunction | undefined;
  /** Global offset up to which every file is flushed. */
  private flushedWhere = 0;

  constructor(options: MappedFileQueueOptions) {
    this.directory = options.directory;
    this.fileSizeBytes = options.fileSizeBytes;
    this.logger = options.logger;
    this.datasync = options.datasync;
  }

  /**
   * Opens every segment in the directory (creating the directory if needed). As RocketMQ's
   * doLoad: an empty last file is deleted (a crash between create and first write), any other
   * size mismatch or a gap between files fails the load, because the offsets would no longer
   * match the names.
   */
  async load(): Promise<MappedFileQueueLoadResult> {
    mkdirSync(this.directory, { recursive: true });
    const starts = readdirSync(this.directory)
      .map(parseSegmentFileName)
      .filter((start): start is number => start !== undefined)
      .sort((a, b) => a - b);
    const opened: MappedFile[] = [];
    for (const [index, start] of starts.entries()) {
      const file = MappedFile.openSync({
        path: join(this.directory, segmentFileName(start)),
        fileFromOffset: start,
        fileSizeBytes: this.fileSizeBytes,
        datasync: this.datasync,
      });
      const sizeBytes = file.statSizeBytes();
      const expectedStart = index === 0 ? start : start - this.fileSizeBytes;
      const previous = opened[index - 1];
      if (sizeBytes === 0 && index === starts.length - 1) {
        this.logger.warn({ path: file.path }, 'deleting an empty last segment (crash right after it was created)');
        await file.destroy();
        break;
      }
      if (sizeBytes !== this.fileSizeBytes)
        return await this.failLoad(opened, file, `${file.path} is ${sizeBytes} bytes; segments must be ${this.fileSizeBytes}`);
      if (start % this.fileSizeBytes !== 0)
        return await this.failLoad(opened, file, `${file.path} does not start at a multiple of ${this.fileSizeBytes}`);
      if (previous && previous.fileFromOffset !== expectedStart)
        return await this.failLoad(opened, file, `${file.path} does not follow ${previous.path}`);
      opened.push(file);
    }
    this.files = opened;
    this.flushedWhere = this.maxOffset();
    return { ok: true, files: opened.length };
  }

  private async failLoad(opened: readonly MappedFile[], current: MappedFile, reason: string): Promise<MappedFileQueueLoadResult> {
    for (const file of [...opened, current]) await file.close();
    this.files = [];
    return { ok: false, reason };
  }

  mappedFiles(): readonly MappedFile[] {
    return this.files;
  }

  firstFile(): MappedFile | undefined {
    return this.files[0];
  }

  lastFile(): MappedFile | undefined {
    return this.files[this.files.length - 1];
  }

  /** The file to append to: the last one, or a new one when there is none or it is full. Synchronous. */
  lastFileForAppendSync(startOffsetWhenEmpty = 0): MappedFile {
    const last = this.lastFile();
    if (last && !last.isFull()) return last;
    const start = last ? last.fileFromOffset + this.fileSizeBytes : startOffsetWhenEmpty;
    const created = MappedFile.createSync({
      path: join(this.directory, segmentFileName(start)),
      fileFromOffset: start,
      fileSizeBytes: this.fileSizeBytes,
      datasync: this.datasync,
    });
    this.files = [...this.files, created];
    return created;
  }

  /** The file holding global `offset`, or undefined when it is not on disk. */
  findFileByOffset(offset: number): MappedFile | undefined {
    const first = this.files[0];
    if (!first || offset < first.fileFromOffset) return undefined;
    return this.files[Math.floor((offset - first.fileFromOffset) / this.fileSizeBytes)];
  }

  /** Start of the file after the one holding `offset`. */
  rollNextFile(offset: number): number {
    return offset + this.fileSizeBytes - (offset % this.fileSizeBytes);
  }

  minOffset(): number {
    return this.files[0]?.fileFromOffset ?? 0;
  }

  maxOffset(): number {
    return this.lastFile()?.wroteOffset() ?? 0;
  }

  flushedOffset(): number {
    return this.flushedWhere;
  }

  /** Bytes written but not yet flushed. */
  unflushedBytes(): number {
    return this.maxOffset() - this.flushedWhere;
  }

  /**
   * Flushes every file holding unflushed bytes, oldest first, and returns the new flushed
   * offset. One call = at most one fdatasync per dirty file (usually one: the active file).
   */
  async flush(): Promise<number> {
    const target = this.maxOffset();
    // Undefined when flushedWhere is the end of a full last file: nothing is dirty.
    let file = this.findFileByOffset(this.flushedWhere);
    while (file && file.fileFromOffset < target) {
      await file.flush();
      const reached = file.fileFromOffset + file.flushedPosition;
      if (reached > this.flushedWhere) this.flushedWhere = reached;
      if (file.flushedPosition < file.fileSizeBytes) break;
      file = this.findFileByOffset(file.fileFromOffset + this.fileSizeBytes);
    }
    return this.flushedWhere;
  }

  /**
   * Makes `offset` the end of the log (recovery): the containing file's positions are set to it
   * and every later file is deleted. Bytes after the offset inside that file are left in place;
   * appends overwrite them and scans stop before them.
   */
  async truncateDirtyFiles(offset: number): Promise<number[]> {
    const kept: MappedFile[] = [];
    const removed: MappedFile[] = [];
    for (const file of this.files) {
      if (file.fileFromOffset > offset) {
        removed.push(file);
        continue;
      }
      // A file ending exactly at `offset` is full; the one containing it ends there.
      file.wrotePosition = Math.min(offset - file.fileFromOffset, this.fileSizeBytes);
      file.flushedPosition = file.wrotePosition;
      kept.push(file);
    }
    this.files = kept;
    this.flushedWhere = offset;
    for (const file of removed) await file.destroy();
    return removed.map((file) => file.fileFromOffset);
  }

  /** Removes the first `count` files from the queue and deletes them; never the last file. */
  async deleteFirstFiles(count: number): Promise<number[]> {
    const deletable = Math.min(count, this.files.length - 1);
    if (deletable <= 0) return [];
    const removed = this.files.slice(0, deletable);
    this.files = this.files.slice(deletable);
    for (const file of removed) await file.destroy();
    return removed.map((file) => file.fileFromOffset);
  }

  /** Flushes nothing; closes every file (shutdown). */
  async close(): Promise<void> {
    for (const file of this.files) await file.close();
  }
}
