/** Time as the executors see it; the runner passes the real one, specs a fake that jumps. */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * Runs one iteration on `vu`. `intendedAt` (clock ms) is when an arrival-rate executor meant it to
 * start: latency is measured from there, so time an iteration waited for the event loop or a free
 * VU counts. Resolves false when the iteration failed; never rejects.
 */
export type RunIteration = (vu: number, iteration: number, intendedAt: number | undefined) => Promise<boolean>;

export interface ExecutorEvents {
  /** An arrival-rate iteration found every allowed VU busy and was not started. */
  onDropped(): void;
  /** VUs allocated changed. */
  onVus(count: number): void;
}

export interface ExecutorRun {
  readonly run: RunIteration;
  readonly events: ExecutorEvents;
  readonly clock: Clock;
  /** Aborting ends the executor early (Ctrl-C); in-flight iterations still finish. */
  readonly signal: AbortSignal;
  /** How long to wait for in-flight iterations after the end (k6's gracefulStop, default 30 s). */
  readonly gracefulStopMs?: number;
}

/** Waits for the in-flight iterations, at most `graceMs`; what still runs after is abandoned. */
export async function settle(inFlight: () => readonly Promise<unknown>[], clock: Clock, graceMs: number): Promise<void> {
  let timedOut = false;
  const deadline = clock.sleep(graceMs).then(() => {
    timedOut = true;
  });
  for (let pending = inFlight(); pending.length > 0 && !timedOut; pending = inFlight())
    await Promise.race([deadline, Promise.all(pending)]);
}
