import type { RaftTimers } from '../ports';

/** Real timers; `nowMs` is monotonic (wall-clock jumps must not fake or hide leader silence). */
export const nodeTimers: RaftTimers = {
  nowMs: () => performance.now(),
  after: (delayMs, callback) => {
    const handle = setTimeout(callback, delayMs);
    return { cancel: () => clearTimeout(handle) };
  },
};
