import type { LogEntry } from '../messages';
import type { HardState, RaftStorage, RecoveredState, StoredSnapshot } from '../ports';

interface DiskImage {
  hardState: HardState;
  snapshot: StoredSnapshot | undefined;
  entries: LogEntry[];
}

function copyImage(image: DiskImage): DiskImage {
  // Entries and snapshots are never mutated once written, so a shallow copy is a faithful picture.
  return { hardState: { ...image.hardState }, snapshot: image.snapshot, entries: image.entries.slice() };
}

/**
 * A disk with a page cache: writes land in `volatile` at once and reach `durable` only when a sync
 * completes (after a simulated delay). `crash()` throws the page cache away, which is exactly the
 * loss of writes that were not fsynced.
 */
export class SimStorage implements RaftStorage {
  private volatile: DiskImage = { hardState: { term: 0, votedFor: undefined }, snapshot: undefined, entries: [] };
  private durable: DiskImage = copyImage(this.volatile);
  /** Bumped on crash so that a sync scheduled by a dead incarnation never completes. */
  private incarnation = 0;

  constructor(private readonly scheduleSync: (complete: () => void) => void) {}

  load(): RecoveredState {
    return copyImage(this.volatile);
  }

  append(entries: readonly LogEntry[]): void {
    this.volatile.entries.push(...entries);
  }

  truncateSuffix(fromIndex: number): void {
    this.volatile.entries = this.volatile.entries.filter((entry) => entry.index < fromIndex);
  }

  setHardState(state: HardState): void {
    this.volatile.hardState = { ...state };
  }

  saveSnapshot(snapshot: StoredSnapshot): void {
    this.volatile.snapshot = snapshot;
    this.volatile.entries = this.volatile.entries.filter((entry) => entry.index > snapshot.lastIncludedIndex);
  }

  sync(done: () => void): void {
    const image = copyImage(this.volatile);
    const incarnation = this.incarnation;
    this.scheduleSync(() => {
      if (incarnation !== this.incarnation) return;
      this.durable = image;
      done();
    });
  }

  close(): void {
    // A clean stop flushes like a real process would not; the simulator only ever crashes nodes.
  }

  /** The process died: everything not yet synced is gone. */
  crash(): void {
    this.incarnation += 1;
    this.volatile = copyImage(this.durable);
  }

  /** Durable state, for the checker. */
  durableImage(): Readonly<DiskImage> {
    return this.durable;
  }
}
