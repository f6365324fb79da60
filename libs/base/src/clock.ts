/**
 * Time as a port: reading the date (`Clock`) and scheduling work (`Timers`). Production passes
 * `systemClock`, which is both; specs pass a `ManualClock`, which is both too, so "a broker silent
 * for 120 s expires" or "a held pull answers after its suspension timeout" is checked by moving
 * time, not by sleeping.
 *
 * Why two interfaces and not one wider `Clock`: many specs freeze or jump the date while the
 * component's waits (a long poll, a flush tick, a whole broker over real sockets) still pass in
 * real time. A component therefore takes `clock` and `timers` separately, each defaulting to
 * `systemClock`; a spec or simulator that wants to own every wait passes the same ManualClock as
 * both. See docs/time.md.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  nowMs(): number;
}

/** A pending timer. `unref()` lets the process exit while it is pending (production timers mostly are). */
export interface TimerHandle {
  unref(): this;
}

export interface Timers {
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  /** Accepts undefined and handles that already fired, like Node's. */
  clearTimeout(handle: TimerHandle | undefined): void;
  setInterval(callback: () => void, intervalMs: number): TimerHandle;
  clearInterval(handle: TimerHandle | undefined): void;
  /** Resolves after `delayMs`; the pending timer keeps the process alive, as an awaited sleep should. */
  sleep(delayMs: number): Promise<void>;
}

// The globals are looked up at call time, not captured at load, so vitest's fake timers still apply.
export const systemClock: Clock & Timers = {
  nowMs: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  // Every handle systemClock hands out is a Node Timeout; the port hides that type from callers.
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
  setInterval: (callback, intervalMs) => setInterval(callback, intervalMs),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout | undefined),
  sleep: (delayMs) => new Promise((resolve) => setTimeout(resolve, delayMs)),
};

export { ManualClock } from './manual-clock';
