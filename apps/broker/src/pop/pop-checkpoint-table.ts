import { checkpointKey, type CheckpointId, type PopAckRecord, type PopCheckpoint } from './pop-checkpoint';

/** An un-acked CK and where it sits in the revive log. */
export interface PendingCheckpoint {
  readonly ck: PopCheckpoint;
  readonly key: string;
  /** Queue offset of the CK record in the revive log: the log is replayed from the lowest pending one. */
  readonly logOffset: number;
  readonly acked: Set<number>;
}

/**
 * The CKs whose messages are not all acked, in memory. Invariants: a CK leaves the table once every
 * offset it handed out is acked (by a client, or by the revive service after re-putting it), and
 * only then may the revive log's read position pass its record.
 */
export class PopCheckpointTable {
  private readonly pending = new Map<string, PendingCheckpoint>();

  get size(): number {
    return this.pending.size;
  }

  add(ck: PopCheckpoint, logOffset: number): void {
    const key = checkpointKey(ck);
    this.pending.set(key, { ck, key, logOffset, acked: new Set() });
  }

  find(id: CheckpointId): PendingCheckpoint | undefined {
    return this.pending.get(checkpointKey(id));
  }

  /** Marks offsets of a CK acked; false when the CK is not pending (already revived, or unknown). */
  ack(ack: PopAckRecord): boolean {
    const entry = this.pending.get(checkpointKey(ack));
    if (entry === undefined) return false;
    for (const offset of ack.offsets) if (entry.ck.offsets.includes(offset)) entry.acked.add(offset);
    if (entry.acked.size >= entry.ck.offsets.length) this.pending.delete(entry.key);
    return true;
  }

  /** CKs whose invisible time is over at `nowMs`, oldest log record first. */
  due(nowMs: number): PendingCheckpoint[] {
    return [...this.pending.values()]
      .filter((entry) => entry.ck.popTime + entry.ck.invisibleTime <= nowMs)
      .sort((a, b) => a.logOffset - b.logOffset);
  }

  remove(key: string): void {
    this.pending.delete(key);
  }

  /** Forgets every CK (before a replay rebuilds the table from the revive log). */
  clear(): void {
    this.pending.clear();
  }

  /** The lowest revive-log offset still needed, or undefined when nothing is pending. */
  lowestLogOffset(): number | undefined {
    let lowest: number | undefined;
    for (const entry of this.pending.values()) if (lowest === undefined || entry.logOffset < lowest) lowest = entry.logOffset;
    return lowest;
  }
}
