// Raft's durable state in one directory (docs/raft.md#on-disk-format):
//   hard-state  [u32 magic][u64 term][u32 len][votedFor utf8][u32 crc]   replaced by temp + fsync + rename
//   snapshot    [u32 magic][u64 index][u64 term][u32 len][data][u32 crc] replaced by temp + fsync + rename
//   log         records [u32 len][u32 crc][u64 index][u64 term][u8 kind][data] appended in place
// A torn or corrupt log tail (crash mid-write) is cut off at the last whole record at load.
import { closeSync, existsSync, fsync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

import { at, crc32, type Logger, readInt64, writeInt64 } from '@rocketmq-ts/base';
import { writeFileAtomicallySync } from '@rocketmq-ts/files';

import type { LogEntry } from '../messages';
import type { HardState, RaftStorage, RecoveredState, StoredSnapshot } from '../ports';

const HARD_STATE_MAGIC = 0x52485354; // "RHST"
const SNAPSHOT_MAGIC = 0x52534e50; // "RSNP"
const RECORD_HEADER = 8;
const RECORD_FIXED = 17;

function encodeRecord(entry: LogEntry): Buffer {
  const record = Buffer.allocUnsafe(RECORD_HEADER + RECORD_FIXED + entry.data.byteLength);
  record.writeUInt32BE(RECORD_FIXED + entry.data.byteLength, 0);
  writeInt64(record, entry.index, 8);
  writeInt64(record, entry.term, 16);
  record.writeUInt8(entry.kind === 'noop' ? 1 : 0, 24);
  record.set(entry.data, 25);
  record.writeUInt32BE(crc32(record, 8), 4);
  return record;
}

/** Parses whole, checksummed, consecutive records; stops at the first that is not. */
function decodeRecords(bytes: Buffer): { entries: LogEntry[]; offsets: number[]; validBytes: number } {
  const entries: LogEntry[] = [];
  const offsets: number[] = [];
  let offset = 0;
  while (offset + RECORD_HEADER + RECORD_FIXED <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    if (length < RECORD_FIXED || offset + RECORD_HEADER + length > bytes.length) break;
    if (crc32(bytes, offset + 8, offset + 8 + length) !== bytes.readUInt32BE(offset + 4)) break;
    const index = readInt64(bytes, offset + 8);
    const previous = entries[entries.length - 1];
    if (previous && index !== previous.index + 1) break;
    const kind = bytes.readUInt8(offset + 24);
    entries.push({
      index,
      term: readInt64(bytes, offset + 16),
      kind: kind === 1 ? 'noop' : 'command',
      data: new Uint8Array(bytes.subarray(offset + 25, offset + 8 + length)),
    });
    offsets.push(offset);
    offset += RECORD_HEADER + length;
  }
  return { entries, offsets, validBytes: offset };
}

function sealed(magic: number, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(4 + body.length + 4);
  out.writeUInt32BE(magic, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(out, 0, 4 + body.length), 4 + body.length);
  return out;
}

function unseal(path: string, magic: number): Buffer | undefined {
  if (!existsSync(path)) return undefined;
  const bytes = readFileSync(path);
  if (bytes.length < 8 || bytes.readUInt32BE(0) !== magic || crc32(bytes, 0, bytes.length - 4) !== bytes.readUInt32BE(bytes.length - 4)) {
    // Written by rename after fsync, so a bad file is damage, not a torn write: refuse to guess votes.
    throw new Error(`raft storage: ${path} is corrupt (bad magic or checksum); restore it or remove the node's data directory`);
  }
  return bytes.subarray(4, bytes.length - 4);
}

export class FileRaftStorage implements RaftStorage {
  private readonly logPath: string;
  private logFd: number | undefined;
  private logSize = 0;
  /** File offset of each entry in the log file; `offsets[i]` belongs to index `firstIndex + i`. */
  private offsets: number[] = [];
  private firstIndex = 1;
  private pendingHardState: HardState | undefined;
  private logDirty = false;

  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {
    this.logPath = join(dir, 'log');
  }

  load(): RecoveredState {
    mkdirSync(this.dir, { recursive: true });
    const hard = unseal(join(this.dir, 'hard-state'), HARD_STATE_MAGIC);
    const hardState: HardState = { term: 0, votedFor: undefined };
    if (hard) {
      hardState.term = readInt64(hard, 0);
      const length = hard.readUInt32BE(8);
      hardState.votedFor = length === 0 ? undefined : hard.subarray(12, 12 + length).toString('utf8');
    }
    const snap = unseal(join(this.dir, 'snapshot'), SNAPSHOT_MAGIC);
    const snapshot: StoredSnapshot | undefined = snap
      ? {
          lastIncludedIndex: readInt64(snap, 0),
          lastIncludedTerm: readInt64(snap, 8),
          data: new Uint8Array(snap.subarray(20, 20 + snap.readUInt32BE(16))),
        }
      : undefined;
    const bytes = existsSync(this.logPath) ? readFileSync(this.logPath) : Buffer.alloc(0);
    const parsed = decodeRecords(bytes);
    if (parsed.validBytes < bytes.length)
      this.logger.warn(
        { dir: this.dir, droppedBytes: bytes.length - parsed.validBytes, keptEntries: parsed.entries.length },
        'raft log: torn or corrupt tail cut off',
      );
    const base = snapshot?.lastIncludedIndex ?? 0;
    let entries = parsed.entries.filter((entry) => entry.index > base);
    if (entries.length > 0 && entries[0]?.index !== base + 1) {
      this.logger.warn(
        { dir: this.dir, snapshotIndex: base, firstEntry: entries[0]?.index },
        'raft log: entries do not follow the snapshot; dropped',
      );
      entries = [];
    }
    if (parsed.validBytes === bytes.length && entries.length === parsed.entries.length && bytes.length > 0)
      this.adoptLog(parsed.offsets, parsed.validBytes, base + 1);
    else this.rewriteLog(entries, base + 1);
    return { hardState, snapshot, entries };
  }

  append(entries: readonly LogEntry[]): void {
    const fd = this.fd();
    for (const entry of entries) {
      if (entry.index !== this.firstIndex + this.offsets.length)
        throw new Error(`raft storage: append ${entry.index} after ${this.firstIndex + this.offsets.length - 1}`);
      const record = encodeRecord(entry);
      writeSync(fd, record, 0, record.length, this.logSize);
      this.offsets.push(this.logSize);
      this.logSize += record.length;
    }
    this.logDirty = true;
  }

  truncateSuffix(fromIndex: number): void {
    const position = fromIndex - this.firstIndex;
    if (position >= this.offsets.length) return;
    const size = position <= 0 ? 0 : at(this.offsets, position, 'entry offsets');
    ftruncateSync(this.fd(), size);
    this.offsets.length = Math.max(0, position);
    this.logSize = size;
    this.logDirty = true;
  }

  setHardState(state: HardState): void {
    this.pendingHardState = { ...state };
  }

  /** Snapshots are rare: written and fsynced at once, then the log is rewritten without the covered prefix. */
  saveSnapshot(snapshot: StoredSnapshot): void {
    const body = Buffer.allocUnsafe(20 + snapshot.data.byteLength);
    writeInt64(body, snapshot.lastIncludedIndex, 0);
    writeInt64(body, snapshot.lastIncludedTerm, 8);
    body.writeUInt32BE(snapshot.data.byteLength, 16);
    body.set(snapshot.data, 20);
    writeFileAtomicallySync(join(this.dir, 'snapshot'), sealed(SNAPSHOT_MAGIC, body));
    const bytes = readFileSync(this.logPath);
    const kept = decodeRecords(bytes.subarray(0, this.logSize)).entries.filter((entry) => entry.index > snapshot.lastIncludedIndex);
    this.rewriteLog(kept, snapshot.lastIncludedIndex + 1);
  }

  sync(done: () => void): void {
    const hardState = this.pendingHardState;
    this.pendingHardState = undefined;
    const finish = (): void => {
      if (hardState) {
        const voted = Buffer.from(hardState.votedFor ?? '', 'utf8');
        const body = Buffer.allocUnsafe(12 + voted.length);
        writeInt64(body, hardState.term, 0);
        body.writeUInt32BE(voted.length, 8);
        voted.copy(body, 12);
        writeFileAtomicallySync(join(this.dir, 'hard-state'), sealed(HARD_STATE_MAGIC, body));
      }
      done();
    };
    const fd = this.logFd;
    if (!this.logDirty || fd === undefined) {
      setImmediate(finish);
      return;
    }
    this.logDirty = false;
    fsync(fd, (error) => {
      if (this.logFd === undefined) return; // closed meanwhile: a stop does not flush
      // A snapshot may have replaced the file (and fsynced the new one) while this fsync ran.
      if (error && fd === this.logFd) {
        // After a failed fsync the page cache may have dropped our writes: nothing can be promised any more.
        this.logger.error({ dir: this.dir, err: error.message }, 'raft log fsync failed; stopping the process');
        throw error;
      }
      finish();
    });
  }

  close(): void {
    if (this.logFd !== undefined) closeSync(this.logFd);
    this.logFd = undefined;
  }

  private fd(): number {
    if (this.logFd === undefined) throw new Error('raft storage used before load() or after close()');
    return this.logFd;
  }

  private adoptLog(offsets: number[], size: number, firstIndex: number): void {
    this.logFd = openSync(this.logPath, 'r+');
    this.offsets = offsets;
    this.logSize = size;
    this.firstIndex = firstIndex;
  }

  private rewriteLog(entries: readonly LogEntry[], firstIndex: number): void {
    const records = entries.map(encodeRecord);
    const bytes = Buffer.concat(records);
    this.close();
    writeFileAtomicallySync(this.logPath, bytes);
    this.logFd = openSync(this.logPath, 'r+');
    this.firstIndex = firstIndex;
    this.offsets = [];
    let offset = 0;
    for (const record of records) {
      this.offsets.push(offset);
      offset += record.length;
    }
    this.logSize = offset;
    this.logDirty = false;
  }
}
