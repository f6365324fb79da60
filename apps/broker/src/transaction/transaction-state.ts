/**
 * What the broker knows of its half messages (docs/transactions.md), as plain state with no I/O:
 *
 * - `halfOffset`: every half-queue offset below it is decided (committed, rolled back or
 *   discarded). Only the window from `halfOffset` up is tracked, so memory is bounded by the
 *   undecided transactions, not by history.
 * - `decided`: offsets in the window that are decided but not yet at its head.
 * - `checks`: how many times an undecided offset was checked back with its producer.
 * - `opOffset` / `opEntries`: the op-queue records from `opOffset` on, each naming the half offset
 *   it is about; `opOffset` moves past records about offsets below `halfOffset`, so a restart
 *   replays only the records that still matter.
 *
 * Invariants: `halfOffset` only grows; an offset is decided at most once (`decide` answers false
 * for a second decision, which is how a duplicate END_TRANSACTION is told apart from the first).
 */
export class TransactionState {
  private readonly decidedInWindow = new Set<number>();
  private readonly checkCounts = new Map<number, number>();
  private readonly opEntries: Array<{ readonly opOffset: number; readonly halfOffset: number }> = [];

  constructor(
    private head: number,
    private opHead: number,
  ) {}

  get halfOffset(): number {
    return this.head;
  }

  get opOffset(): number {
    return this.opHead;
  }

  isDecided(halfOffset: number): boolean {
    return halfOffset < this.head || this.decidedInWindow.has(halfOffset);
  }

  checksOf(halfOffset: number): number {
    return this.checkCounts.get(halfOffset) ?? 0;
  }

  /** An op record read back or just written: `kind` 'd' decides, 'c' counts a check. */
  apply(opOffset: number, halfOffset: number, kind: 'd' | 'c'): boolean {
    this.opEntries.push({ opOffset, halfOffset });
    if (kind === 'c') {
      if (!this.isDecided(halfOffset)) this.checkCounts.set(halfOffset, this.checksOf(halfOffset) + 1);
      return true;
    }
    if (this.isDecided(halfOffset)) return false;
    this.decidedInWindow.add(halfOffset);
    this.advance();
    return true;
  }

  /** The half queue's oldest entries were deleted (retention): nothing below `minOffset` can be decided any more. */
  skipTo(minOffset: number): void {
    if (minOffset <= this.head) return;
    for (const offset of this.decidedInWindow) if (offset < minOffset) this.decidedInWindow.delete(offset);
    this.head = minOffset;
    this.advance();
  }

  private advance(): void {
    while (this.decidedInWindow.delete(this.head)) {
      this.checkCounts.delete(this.head);
      this.head++;
    }
    while (this.opEntries.length > 0 && (this.opEntries[0] as { halfOffset: number }).halfOffset < this.head) {
      this.opHead = (this.opEntries.shift() as { opOffset: number }).opOffset + 1;
    }
  }
}
