import type { RaftStorage } from '../ports';

/**
 * Holds back messages until the writes made before them are durable: a vote or an append
 * acknowledgement must never go out before its fsync (see docs/raft.md#durability).
 *
 * Every storage mutation calls `wrote()`. `whenDurable(fn)` runs `fn` at once when nothing is
 * pending, otherwise after the sync that covers every write made so far. One sync is in flight at a
 * time; writes made meanwhile are batched into the next one.
 */
export class DurabilityGate {
  private writeSeq = 0;
  private durableSeq = 0;
  private syncInFlight = false;
  private waiting: Array<{ seq: number; run: () => void }> = [];
  private lastIndexAtRequest = 0;
  /** Highest log index known durable; lowered by truncation. The leader counts only this toward commit. */
  durableLogIndex: number;
  closed = false;

  constructor(
    private readonly storage: RaftStorage,
    private readonly lastLogIndex: () => number,
    private readonly onSynced: () => void,
  ) {
    this.durableLogIndex = lastLogIndex();
  }

  wrote(): void {
    this.writeSeq += 1;
    this.requestSync();
  }

  truncated(fromIndex: number): void {
    this.durableLogIndex = Math.min(this.durableLogIndex, fromIndex - 1);
    this.lastIndexAtRequest = Math.min(this.lastIndexAtRequest, fromIndex - 1);
    this.wrote();
  }

  whenDurable(run: () => void): void {
    if (this.durableSeq === this.writeSeq) run();
    else this.waiting.push({ seq: this.writeSeq, run });
  }

  private requestSync(): void {
    if (this.syncInFlight || this.closed) return;
    this.syncInFlight = true;
    const target = this.writeSeq;
    this.lastIndexAtRequest = this.lastLogIndex();
    this.storage.sync(() => {
      if (this.closed) return;
      this.syncInFlight = false;
      this.durableSeq = target;
      this.durableLogIndex = this.lastIndexAtRequest;
      const ready = this.waiting.filter((item) => item.seq <= target);
      this.waiting = this.waiting.filter((item) => item.seq > target);
      for (const item of ready) item.run();
      if (this.writeSeq > this.durableSeq) this.requestSync();
      this.onSynced();
    });
  }
}
