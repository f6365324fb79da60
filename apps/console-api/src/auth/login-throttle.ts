/**
 * Failed logins per account and per client address: after FREE_FAILURES, each further failure
 * doubles a lock-out (1 s, 2 s, 4 s … capped at 5 min) during which logins are refused without a
 * password check, so guessing is slow and the scrypt cost cannot be used to load the server.
 */
const FREE_FAILURES = 5;
const MAX_LOCK_MS = 300_000;
const FORGET_AFTER_MS = 3_600_000;

interface Failures {
  count: number;
  lockedUntilMs: number;
  lastMs: number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Ms to wait before this key may try again; 0 when it may try now. */
  waitMs(keys: readonly string[]): number {
    const now = this.now();
    return Math.max(0, ...keys.map((key) => (this.failures.get(key)?.lockedUntilMs ?? 0) - now));
  }

  failed(keys: readonly string[]): void {
    const now = this.now();
    for (const key of keys) {
      const entry = this.failures.get(key);
      const current = entry !== undefined && now - entry.lastMs < FORGET_AFTER_MS ? entry : { count: 0, lockedUntilMs: 0, lastMs: now };
      current.count += 1;
      current.lastMs = now;
      if (current.count > FREE_FAILURES)
        current.lockedUntilMs = now + Math.min(MAX_LOCK_MS, 1000 * 2 ** (current.count - FREE_FAILURES - 1));
      this.failures.set(key, current);
    }
    if (this.failures.size > 10_000)
      for (const [key, entry] of this.failures) if (now - entry.lastMs > FORGET_AFTER_MS) this.failures.delete(key);
  }

  succeeded(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
