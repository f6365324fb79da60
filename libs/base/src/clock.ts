/**
 * Time as components see it. Production uses the system clock; tests drive a ManualClock so that
 * "a broker silent for 120 s expires" is checked without a two-minute sleep.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

export class ManualClock implements Clock {
  constructor(private currentMs = 1_700_000_000_000) {}

  nowMs(): number {
    return this.currentMs;
  }

  advance(durationMs: number): void {
    if (durationMs < 0) throw new RangeError(`cannot move a clock backwards by ${durationMs} ms`);
    this.currentMs += durationMs;
  }

  set(epochMs: number): void {
    this.currentMs = epochMs;
  }
}
