/**
 * The chain of IndexFiles under index/ (docs/store-and-ha.md#index-file): builds keys for each dispatched message
 * and answers QUERY_MESSAGE by key and time range.
 *
 * Keys are `topic#UNIQ_KEY` and `topic#token` for each space-separated KEYS token. A file that
 * fills up is sealed (header written, fsync'd) and a new one starts where it ended, so every file
 * but the newest is trusted after a crash; the newest is rebuilt from the commit log instead
 * (`load` says from where), which is why a key may be filed twice and callers dedupe offsets.
 *
 * Owner: the DefaultMessageStore; the dispatcher is the only writer. Only flush/close await.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { at, type Clock, type Logger } from '@rocketmq-ts/base';
import { transactionTypeOf } from '@rocketmq-ts/model';

import type { DispatchRequest } from '../store-internals';
import { IndexFile, type IndexFileShape } from './index-file';
import { indexFileName, indexFileNameTimeMs, INDEX_FILE_NAME_PATTERN } from './index-file-name';
import { indexKeyHash } from './index-key-hash';
import type { QueryMessageRequest } from '../message-store';

const KEY_SEPARATOR = ' ';

export class IndexService {
  private readonly files: IndexFile[] = [];
  private lastNameTimeMs = 0;

  constructor(
    private readonly dir: string,
    private readonly shape: IndexFileShape,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * Opens the files, oldest first. After an unclean exit the newest file's header was never
   * written, so it is deleted; the result is the commit-log offset from which dispatch must
   * re-index (where the last trusted file ended), or undefined when nothing needs rebuilding.
   */
  load(lastExitOk: boolean): number | undefined {
    mkdirSync(this.dir, { recursive: true });
    const names = readdirSync(this.dir)
      .filter((name) => INDEX_FILE_NAME_PATTERN.test(name))
      .sort();
    for (const name of names) this.files.push(IndexFile.open(join(this.dir, name), this.shape));
    this.lastNameTimeMs = names.length > 0 ? indexFileNameTimeMs(at(names, names.length - 1, 'index file names')) : 0;
    if (lastExitOk) return undefined;
    const newest = this.files.pop();
    if (newest === undefined) return 0;
    this.logger.warn({ file: newest.path }, 'unclean exit: the newest index file is rebuilt from the commit log');
    newest.destroy();
    return this.files[this.files.length - 1]?.endPhyOffset ?? 0;
  }

  /** Files the message's keys; replays of messages already indexed and ROLLBACKs are skipped. */
  buildIndex(request: DispatchRequest): void {
    if (transactionTypeOf(request.sysFlag) === 'ROLLBACK') return;
    let file = this.writableFile();
    if (request.commitLogOffset < file.endPhyOffset) return;
    const { topic, commitLogOffset, storeTimestamp } = request;
    if (request.uniqKey !== undefined && request.uniqKey.length > 0) {
      file = this.put(file, indexKeyHash(topic, request.uniqKey), commitLogOffset, storeTimestamp);
    }
    const keys = request.keys;
    if (keys === undefined) return;
    for (let start = 0; start < keys.length;) {
      let end = keys.indexOf(KEY_SEPARATOR, start);
      if (end < 0) end = keys.length;
      if (end > start) file = this.put(file, indexKeyHash(topic, keys, start, end), commitLogOffset, storeTimestamp);
      start = end + 1;
    }
  }

  /** Commit-log offsets filed under `topic#key` within the time range, newest files first. */
  queryOffsets(query: QueryMessageRequest): number[] {
    const { topic, key, maxNum, beginTimestampMs: beginMs, endTimestampMs: endMs } = query;
    const found: number[] = [];
    const keyHash = indexKeyHash(topic, key);
    for (let i = this.files.length - 1; i >= 0 && found.length < maxNum; i--) {
      const file = at(this.files, i, 'index files');
      if (file.entryCount() > 0 && file.beginTimestampMs <= endMs && file.endTimestampMs >= beginMs) {
        file.selectPhyOffsets(found, keyHash, query);
      }
      if (file.beginTimestampMs < beginMs) break;
    }
    return found;
  }

  /** End of the newest file: QUERY_MESSAGE's indexLastUpdateTimestamp / indexLastUpdatePhyoffset. */
  lastUpdate(): { readonly timestampMs: number; readonly phyOffset: number } {
    const newest = this.files[this.files.length - 1];
    return { timestampMs: newest?.endTimestampMs ?? 0, phyOffset: newest?.endPhyOffset ?? 0 };
  }

  fileCount(): number {
    return this.files.length;
  }

  /** Deletes files whose every key points below the commit-log min offset; the newest stays. */
  deleteExpired(commitLogMinOffset: number): number {
    let deleted = 0;
    while (this.files.length > 1 && at(this.files, 0, 'index files').endPhyOffset < commitLogMinOffset) {
      (this.files.shift() as IndexFile).destroy();
      deleted++;
    }
    return deleted;
  }

  /** Writes the newest file's header and fsyncs it (the older ones were sealed when full). */
  async flush(): Promise<void> {
    await this.files[this.files.length - 1]?.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    for (const file of this.files.splice(0)) file.close();
  }

  /** Closes without writing the newest header: as a crash leaves it (it is rebuilt at open). */
  closeWithoutFlush(): void {
    for (const file of this.files.splice(0)) file.close();
  }

  private put(file: IndexFile, keyHash: number, commitLogOffset: number, storeTimestampMs: number): IndexFile {
    if (file.putKey(keyHash, commitLogOffset, storeTimestampMs)) return file;
    const next = this.writableFile();
    next.putKey(keyHash, commitLogOffset, storeTimestampMs);
    return next;
  }

  /** The newest file, or a new one when it is full (the full one is sealed in the background). */
  private writableFile(): IndexFile {
    const newest = this.files[this.files.length - 1];
    if (newest !== undefined && !newest.isFull()) return newest;
    if (newest !== undefined) {
      newest.flush().catch((error: unknown) => this.logger.error({ err: error, file: newest.path }, 'sealing a full index file failed'));
    }
    this.lastNameTimeMs = Math.max(this.clock.nowMs(), this.lastNameTimeMs + 1);
    const created = IndexFile.create(
      join(this.dir, indexFileName(this.lastNameTimeMs)),
      this.shape,
      newest?.endPhyOffset ?? 0,
      newest?.endTimestampMs ?? 0,
    );
    this.files.push(created);
    this.logger.info({ file: created.path }, 'index file created');
    return created;
  }
}
