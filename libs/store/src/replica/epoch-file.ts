/**
 * The epoch file `epochFileCheckpoint` and its `.bak` (docs/controller-mode-broker.md#epoch-file), byte for byte
 * what RocketMQ's CheckpointFile writes, so a data directory moves between our broker and Java's:
 *
 *   <entry count>\n
 *   <crc32 of the entry lines, separators included, & 0x7FFFFFFF>\n
 *   <epoch>-<startOffset>\n      one line per entry, ascending
 *
 * Write: the current file is copied to `.bak`, then replaced by the atomic writer of libs/files (temp file,
 * fsync, rename); RocketMQ rewrites in place, and its count and CRC, which we check too, catch a
 * torn rewrite, after which the `.bak` is read instead. An empty list is never written: cutting every
 * entry removes both files. Read: the file, else the `.bak`; a bad count, bad CRC
 * or empty file counts as unreadable.
 *
 * Owner: the broker's replica role code; every mutation persists before it returns.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

import { crc32Positive, type Logger } from '@rocketmq-ts/base';
import { fsyncDirectorySync, writeFileAtomicallySync } from '@rocketmq-ts/files';

import {
  appendEpoch,
  type EpochAppendOutcome,
  type EpochEntry,
  epochAt,
  epochListProblem,
  truncateEpochsBelow,
  truncateEpochsFrom,
} from './epoch-entries';

export type EpochFileRead =
  | { readonly kind: 'ok'; readonly entries: EpochEntry[] }
  | { readonly kind: 'missing' }
  | { readonly kind: 'bad'; readonly reason: string };

export function encodeEpochFile(entries: readonly EpochEntry[]): string {
  const lines = entries.map((entry) => `${entry.epoch}-${entry.startOffset}\n`).join('');
  return `${entries.length}\n${crc32Positive(Buffer.from(lines, 'utf8'))}\n${lines}`;
}

export function decodeEpochFile(text: string): EpochFileRead {
  if (text.length === 0) return { kind: 'bad', reason: 'empty file' };
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const count = Number(lines[0]);
  if (!Number.isInteger(count) || count < 0) return { kind: 'bad', reason: `entry count ${JSON.stringify(lines[0])} is not a number` };
  if (lines.length - 2 !== count) return { kind: 'bad', reason: `says ${count} entries, holds ${Math.max(0, lines.length - 2)}` };
  const entryLines = lines.slice(2);
  const crc = Number(lines[1]);
  const text2 = entryLines.map((line) => `${line}\n`).join('');
  if (crc !== 0 && crc !== crc32Positive(Buffer.from(text2, 'utf8')))
    return { kind: 'bad', reason: `CRC ${lines[1]} does not match the entries` };
  const entries: EpochEntry[] = [];
  for (const line of entryLines) {
    const match = /^(-?\d+)-(\d+)$/.exec(line);
    if (match === null) return { kind: 'bad', reason: `entry ${JSON.stringify(line)} is not <epoch>-<startOffset>` };
    entries.push({ epoch: Number(match[1]), startOffset: Number(match[2]) });
  }
  const problem = epochListProblem(entries);
  return problem === undefined ? { kind: 'ok', entries } : { kind: 'bad', reason: problem };
}

function readEpochFile(path: string): EpochFileRead {
  if (!existsSync(path)) return { kind: 'missing' };
  return decodeEpochFile(readFileSync(path, 'utf8'));
}

export class EpochFile {
  private readonly entries: EpochEntry[];

  private constructor(
    readonly path: string,
    entries: EpochEntry[],
    private readonly logger: Logger,
  ) {
    this.entries = entries;
  }

  /** Reads the file, falling back to `.bak`; an empty list when neither is readable (a new replica). */
  static open(path: string, logger: Logger): EpochFile {
    const log = logger.child({ component: 'EpochFile' });
    const main = readEpochFile(path);
    if (main.kind === 'ok') return new EpochFile(path, main.entries, log);
    const backup = readEpochFile(`${path}.bak`);
    if (main.kind === 'bad')
      log.warn({ path, reason: main.reason, backup: backup.kind }, `epoch file unreadable (${main.reason}); using its .bak`);
    if (backup.kind === 'ok') return new EpochFile(path, backup.entries, log);
    if (backup.kind === 'bad')
      log.warn({ path: `${path}.bak`, reason: backup.reason }, 'epoch file backup unreadable too; starting with no epochs');
    return new EpochFile(path, [], log);
  }

  list(): readonly EpochEntry[] {
    return this.entries;
  }

  lastEntry(): EpochEntry | undefined {
    return this.entries[this.entries.length - 1];
  }

  lastEpoch(): number {
    return this.lastEntry()?.epoch ?? -1;
  }

  /** The entry whose range holds `offset`. */
  entryAt(offset: number): EpochEntry | undefined {
    return epochAt(this.entries, offset);
  }

  /** The entry after `entry` (where its range ends), if any. */
  next(entry: EpochEntry): EpochEntry | undefined {
    return this.entries[this.entries.indexOf(entry) + 1];
  }

  append(entry: EpochEntry): EpochAppendOutcome {
    const outcome = appendEpoch(this.entries, entry);
    if (outcome.kind === 'refused')
      this.logger.warn({ entry, last: this.lastEntry(), reason: outcome.reason }, `epoch entry refused: ${outcome.reason}`);
    else this.persist();
    return outcome;
  }

  /** After the log was cut at `offset`. */
  truncateFrom(offset: number): void {
    if (truncateEpochsFrom(this.entries, offset) > 0) this.persist();
  }

  /** After commit-log segments below `minOffset` were deleted. */
  truncateBelow(minOffset: number): void {
    if (truncateEpochsBelow(this.entries, minOffset) > 0) this.persist();
  }

  private persist(): void {
    if (this.entries.length === 0) {
      // Never written empty (RocketMQ's rule): no file at all means the same, "no epochs yet".
      rmSync(this.path, { force: true });
      rmSync(`${this.path}.bak`, { force: true });
      fsyncDirectorySync(dirname(this.path));
      return;
    }
    writeFileAtomicallySync(this.path, encodeEpochFile(this.entries), { backup: true });
  }
}
