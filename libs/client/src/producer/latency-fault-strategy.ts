import { at, type Clock, systemClock } from '@rocketmq-ts/base';

/** Java's MQFaultStrategy.latencyMax: answer times (ms) that start a penalty… */
export const DEFAULT_LATENCY_MAX_MS: readonly number[] = [50, 100, 550, 1_000, 2_000, 3_000, 15_000];
/** …and how long (ms) a broker is avoided after answering that slowly (same index). */
export const DEFAULT_NOT_AVAILABLE_DURATION_MS: readonly number[] = [0, 0, 30_000, 60_000, 120_000, 180_000, 600_000];
/** Java counts a failed attempt as a 30 s answer, which lands in the longest penalty. */
const ISOLATION_LATENCY_MS = 30_000;

export interface LatencyFaultStrategyOptions {
  readonly clock?: Clock;
  readonly latencyMaxMs?: readonly number[];
  readonly notAvailableDurationMs?: readonly number[];
}

interface FaultItem {
  readonly latencyMs: number;
  /** Epoch ms from which the broker may be chosen again. */
  readonly availableAtMs: number;
}

/**
 * Java's send-latency fault avoidance (sendLatencyFaultEnable): every attempt records how long a
 * broker took, and a slow or failed broker is skipped for a while, so retries and later sends go
 * where answers come quickly. When every broker is penalised, the least bad one is still used.
 */
export class LatencyFaultStrategy {
  private readonly clock: Clock;
  private readonly latencyMaxMs: readonly number[];
  private readonly notAvailableDurationMs: readonly number[];
  private readonly items = new Map<string, FaultItem>();
  /** Rotates over the better half in pickOneAtLeast, so the least bad brokers share the load. */
  private pickCounter = 0;

  constructor(options: LatencyFaultStrategyOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.latencyMaxMs = options.latencyMaxMs ?? DEFAULT_LATENCY_MAX_MS;
    this.notAvailableDurationMs = options.notAvailableDurationMs ?? DEFAULT_NOT_AVAILABLE_DURATION_MS;
    if (this.latencyMaxMs.length !== this.notAvailableDurationMs.length) {
      throw new RangeError(
        `latencyMaxMs (${this.latencyMaxMs.length}) and notAvailableDurationMs (${this.notAvailableDurationMs.length}) must pair up`,
      );
    }
  }

  /** Records an attempt; `isolation` (a failed attempt) penalises as the slowest answer would. */
  updateFaultItem(brokerName: string, latencyMs: number, isolation: boolean): void {
    const effectiveLatencyMs = isolation ? ISOLATION_LATENCY_MS : latencyMs;
    const durationMs = this.notAvailableDuration(effectiveLatencyMs);
    this.items.set(brokerName, { latencyMs: effectiveLatencyMs, availableAtMs: this.clock.nowMs() + durationMs });
  }

  /** The penalty for an answer that took `latencyMs`: the entry of the largest threshold reached. */
  notAvailableDuration(latencyMs: number): number {
    for (let index = this.latencyMaxMs.length - 1; index >= 0; index -= 1) {
      if (latencyMs >= at(this.latencyMaxMs, index, 'latency thresholds')) return at(this.notAvailableDurationMs, index, 'penalties');
    }
    return 0;
  }

  isAvailable(brokerName: string): boolean {
    const item = this.items.get(brokerName);
    return item === undefined || this.clock.nowMs() >= item.availableAtMs;
  }

  /**
   * The least bad of `brokerNames` when none is available: the ones whose penalty ends first and
   * that answered fastest, taken in turn from the better half. Undefined for an empty list.
   */
  pickOneAtLeast(brokerNames: readonly string[]): string | undefined {
    if (brokerNames.length === 0) return undefined;
    const now = this.clock.nowMs();
    const ranked = [...brokerNames].sort((left, right) => {
      const a = this.items.get(left);
      const b = this.items.get(right);
      const availableA = a === undefined || now >= a.availableAtMs;
      const availableB = b === undefined || now >= b.availableAtMs;
      if (availableA !== availableB) return availableA ? -1 : 1;
      const latencyOrder = (a?.latencyMs ?? 0) - (b?.latencyMs ?? 0);
      if (latencyOrder !== 0) return latencyOrder;
      return (a?.availableAtMs ?? 0) - (b?.availableAtMs ?? 0);
    });
    const half = Math.floor(ranked.length / 2);
    if (half <= 1) return ranked[0];
    this.pickCounter = (this.pickCounter + 1) % half;
    return ranked[this.pickCounter];
  }

  /** Forgets a broker, e.g. once it left every route. */
  remove(brokerName: string): void {
    this.items.delete(brokerName);
  }
}
