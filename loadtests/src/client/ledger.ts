const ACKED = 1;
const CONSUMED = 2;

/**
 * Acknowledged-versus-consumed accounting by sequence number (dense from 0): two bits per message
 * in a growing byte array, so ten million messages cost ten megabytes. A message may be consumed
 * before its acknowledgement reaches the producer; either order ends in the same state.
 */
export class Ledger {
  private states = new Uint8Array(1 << 16);
  private ackedCount = 0;
  private deliveredCount = 0;
  /** Deliveries of a message already delivered (at-least-once redeliveries). */
  duplicates = 0;

  acked(seq: number): void {
    const state = this.state(seq);
    if ((state & ACKED) !== 0) return;
    this.set(seq, state | ACKED);
    this.ackedCount += 1;
    if ((state & CONSUMED) !== 0) this.deliveredCount += 1;
  }

  consumed(seq: number): void {
    const state = this.state(seq);
    if ((state & CONSUMED) !== 0) {
      this.duplicates += 1;
      return;
    }
    this.set(seq, state | CONSUMED);
    if ((state & ACKED) !== 0) this.deliveredCount += 1;
  }

  wasConsumed(seq: number): boolean {
    return (this.state(seq) & CONSUMED) !== 0;
  }

  get acknowledged(): number {
    return this.ackedCount;
  }

  /** Acknowledged and not consumed yet: the lag the consumers see. */
  get lag(): number {
    return this.ackedCount - this.deliveredCount;
  }

  /** Up to `limit` acknowledged sequence numbers never consumed (after the drain: lost ones). */
  missing(limit: number): number[] {
    const found: number[] = [];
    for (let seq = 0; seq < this.states.length && found.length < limit; seq += 1) if (this.states[seq] === ACKED) found.push(seq);
    return found;
  }

  private state(seq: number): number {
    return this.states[seq] ?? 0;
  }

  private set(seq: number, state: number): void {
    if (seq >= this.states.length) {
      let length = this.states.length;
      while (length <= seq) length *= 2;
      const grown = new Uint8Array(length);
      grown.set(this.states);
      this.states = grown;
    }
    this.states[seq] = state;
  }
}
