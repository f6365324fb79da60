import { mkdirSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';

import { crc32, errorMessage, type Logger } from '@rocketmq-ts/base';

import type { AppendOutcome, ControllerPeer, LogStateMachine, MetadataLog } from './metadata-log';

const RECORD_HEADER_BYTES = 8;
/** Far above any event (a few hundred bytes); a larger length can only be a torn or foreign record. */
const MAX_ENTRY_BYTES = 1024 * 1024;

/**
 * A single controller's log: one file, `[length:u32][crc32:u32][entry]` per record, written and
 * fdatasync'ed before `append` resolves (docs/controller.md#replication). At start every intact
 * record is replayed in order; the first short or corrupt record marks a torn tail from a crash
 * and the file is cut there (nothing after it was ever acknowledged, since acks wait for fsync).
 * The single node is always leader.
 */
export class FileMetadataLog implements MetadataLog {
  private file: FileHandle | undefined;
  private size = 0;
  private nextIndex = 1;
  private apply: ((entry: Uint8Array, index: number) => void) | undefined;
  /** Appends run one at a time so records never interleave and indexes follow file order. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly self: ControllerPeer,
    private readonly logger: Logger,
  ) {}

  get path(): string {
    return join(this.dir, 'metadata.log');
  }

  /** Never snapshots: the log is small (metadata changes only) and replays in full. */
  async start(machine: LogStateMachine): Promise<void> {
    const apply = (entry: Uint8Array, index: number): void => machine.apply(entry, index);
    mkdirSync(this.dir, { recursive: true });
    this.file = await open(this.path, 'a+');
    const bytes = await this.file.readFile();
    let offset = 0;
    while (offset + RECORD_HEADER_BYTES <= bytes.length) {
      const length = bytes.readUInt32BE(offset);
      const end = offset + RECORD_HEADER_BYTES + length;
      if (length > MAX_ENTRY_BYTES || end > bytes.length) break;
      const entry = bytes.subarray(offset + RECORD_HEADER_BYTES, end);
      if (crc32(entry) !== bytes.readUInt32BE(offset + 4)) break;
      apply(entry, this.nextIndex++);
      offset = end;
    }
    if (offset < bytes.length) {
      this.logger.warn({ path: this.path, validBytes: offset, fileBytes: bytes.length }, 'metadata log has a torn tail; cutting it');
      await this.file.truncate(offset);
      await this.file.sync();
    }
    this.size = offset;
    this.apply = apply;
    this.logger.info({ path: this.path, entries: this.nextIndex - 1 }, 'metadata log replayed');
  }

  async stop(): Promise<void> {
    await this.tail.catch(() => undefined);
    await this.file?.close();
    this.file = undefined;
  }

  append(entry: Uint8Array): Promise<AppendOutcome> {
    const run = this.tail.then(() => this.write(entry));
    this.tail = run.catch(() => undefined);
    return run;
  }

  isLeader(): boolean {
    return this.file !== undefined;
  }

  leader(): ControllerPeer | undefined {
    return this.file === undefined ? undefined : this.self;
  }

  onLeadershipChange(): () => void {
    return () => undefined;
  }

  private async write(entry: Uint8Array): Promise<AppendOutcome> {
    const file = this.file;
    const apply = this.apply;
    if (!file || !apply) return { kind: 'failed', reason: 'metadata log is not open' };
    if (entry.length > MAX_ENTRY_BYTES) return { kind: 'failed', reason: `entry of ${entry.length} bytes exceeds ${MAX_ENTRY_BYTES}` };
    const record = Buffer.allocUnsafe(RECORD_HEADER_BYTES + entry.length);
    record.writeUInt32BE(entry.length, 0);
    record.writeUInt32BE(crc32(entry), 4);
    record.set(entry, RECORD_HEADER_BYTES);
    try {
      await file.write(record, 0, record.length, this.size);
      await file.datasync();
    } catch (error) {
      // The record may be partly on disk; cut it so the file stays a clean prefix of what was acknowledged.
      await file.truncate(this.size).catch(() => undefined);
      return { kind: 'failed', reason: `metadata log write failed: ${errorMessage(error)}` };
    }
    this.size += record.length;
    const index = this.nextIndex++;
    apply(entry, index);
    return { kind: 'committed', index };
  }
}
