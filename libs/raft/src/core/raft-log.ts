import type { LogEntry } from '../messages';

/**
 * The in-memory copy of the log: the entries after the last snapshot, plus that snapshot's index and
 * term so that `termAt(snapshotIndex)` still answers. Storage mirrors every change; this class only
 * answers questions and keeps the indexes consistent (entry i sits at `entries[i - snapshotIndex - 1]`).
 */
export class RaftLog {
  private entries: LogEntry[] = [];

  constructor(
    private snapshotIndexValue = 0,
    private snapshotTermValue = 0,
  ) {}

  get snapshotIndex(): number {
    return this.snapshotIndexValue;
  }

  get snapshotTerm(): number {
    return this.snapshotTermValue;
  }

  lastIndex(): number {
    return this.snapshotIndexValue + this.entries.length;
  }

  lastTerm(): number {
    const last = this.entries[this.entries.length - 1];
    return last ? last.term : this.snapshotTermValue;
  }

  /** Term of entry `index`, or undefined when it is compacted away (below the snapshot) or past the end. */
  termAt(index: number): number | undefined {
    if (index === this.snapshotIndexValue) return this.snapshotTermValue;
    return this.entry(index)?.term;
  }

  entry(index: number): LogEntry | undefined {
    if (index <= this.snapshotIndexValue) return undefined;
    return this.entries[index - this.snapshotIndexValue - 1];
  }

  /** Entries `[fromIndex, fromIndex + max)` that exist. */
  slice(fromIndex: number, max: number): LogEntry[] {
    const start = Math.max(fromIndex, this.snapshotIndexValue + 1) - this.snapshotIndexValue - 1;
    return this.entries.slice(start, start + max);
  }

  append(entry: LogEntry): void {
    if (entry.index !== this.lastIndex() + 1) throw new Error(`log gap: appending ${entry.index} after ${this.lastIndex()}`);
    this.entries.push(entry);
  }

  truncateSuffix(fromIndex: number): void {
    if (fromIndex <= this.snapshotIndexValue)
      throw new Error(`cannot truncate ${fromIndex}: at or below snapshot ${this.snapshotIndexValue}`);
    this.entries.length = Math.max(0, fromIndex - this.snapshotIndexValue - 1);
  }

  /** Drops entries up to `index` (kept in a snapshot); keeps later ones. */
  compactTo(index: number, term: number): void {
    const keep = this.entries.filter((entry) => entry.index > index);
    this.entries = keep;
    this.snapshotIndexValue = index;
    this.snapshotTermValue = term;
  }

  /** Replaces everything with a snapshot's position and no entries (a snapshot that does not match our log). */
  resetTo(index: number, term: number): void {
    this.entries = [];
    this.snapshotIndexValue = index;
    this.snapshotTermValue = term;
  }

  /** Raft's "at least as up to date" comparison (Raft paper, section 5.4.1): last term first, then length. */
  isUpToDate(lastLogIndex: number, lastLogTerm: number): boolean {
    const ourTerm = this.lastTerm();
    return lastLogTerm > ourTerm || (lastLogTerm === ourTerm && lastLogIndex >= this.lastIndex());
  }
}
