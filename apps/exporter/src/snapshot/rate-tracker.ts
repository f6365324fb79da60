/**
 * Per-second rates from monotonically growing totals (queue offsets, put counters) seen in
 * consecutive rounds. Only the keys of the last round are kept, so the state is as large as one
 * round's series, however many topics come and go.
 */
export class RateTracker {
  private previous = new Map<string, number>();
  private previousAtMs: number | undefined;
  private current = new Map<string, number>();
  private currentAtMs: number | undefined;

  /** Starts a round measured at `atMs`; the round before becomes the baseline. */
  beginRound(atMs: number): void {
    this.previous = this.current;
    this.previousAtMs = this.currentAtMs;
    this.current = new Map();
    this.currentAtMs = atMs;
  }

  /**
   * Records `total` for `key` and returns its rate since the previous round, or undefined on
   * the first sighting, when time did not advance, or when the total went down (a restarted
   * broker, a deleted and recreated topic).
   */
  rate(key: string, total: number): number | undefined {
    this.current.set(key, total);
    const before = this.previous.get(key);
    if (before === undefined || this.previousAtMs === undefined || this.currentAtMs === undefined || total < before) return undefined;
    const seconds = (this.currentAtMs - this.previousAtMs) / 1000;
    return seconds > 0 ? (total - before) / seconds : undefined;
  }
}
