import { type Clock, systemClock } from '@rocketmq-ts/base';

/** Distinct keys remembered before the table starts over, so hostile input cannot grow it. */
const MAX_KEYS = 1024;

/**
 * At most one warning per key per interval, counting the ones held back: what lets a server warn
 * about every misbehaving client without a flood of them filling the log (malformed requests,
 * ACL refusals).
 */
export class WarningThrottle {
  private readonly recent = new Map<string, { loggedAtMs: number; suppressed: number }>();

  constructor(
    private readonly intervalMs: number,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Undefined when `key` warned within the interval (counted); otherwise how many were held back since its last warning. */
  admit(key: string): number | undefined {
    const now = this.clock.nowMs();
    const seen = this.recent.get(key);
    if (seen !== undefined && now - seen.loggedAtMs < this.intervalMs) {
      seen.suppressed++;
      return undefined;
    }
    if (seen === undefined && this.recent.size >= MAX_KEYS) this.recent.clear();
    this.recent.set(key, { loggedAtMs: now, suppressed: 0 });
    return seen?.suppressed ?? 0;
  }
}
