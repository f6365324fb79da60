/**
 * Broker-wide TPS over the last 10, 60 and 600 seconds, as the `putTps`, `getFoundTps`,
 * `getMissTps`, `getTotalTps` and `getTransferredTps` keys of GET_BROKER_RUNTIME_INFO print them
 * (RocketMQ's StoreStatsService): one sample of the running totals per second, 601 kept, and a
 * window's rate taken between the newest sample and the one `seconds` before it. A window not yet
 * covered prints as an empty string, as Java's does. Samples live in preallocated arrays.
 */
export const TPS_COUNTERS = ['put', 'getFound', 'getMiss', 'getTransferred'] as const;
export type TpsCounter = (typeof TPS_COUNTERS)[number];

const WINDOWS_SECONDS = [10, 60, 600] as const;
const CAPACITY = 601;

export class TpsSampler {
  readonly totals: Record<TpsCounter, number> = { put: 0, getFound: 0, getMiss: 0, getTransferred: 0 };
  private readonly timestamps = new Float64Array(CAPACITY);
  private readonly values: Record<TpsCounter, Float64Array> = {
    put: new Float64Array(CAPACITY),
    getFound: new Float64Array(CAPACITY),
    getMiss: new Float64Array(CAPACITY),
    getTransferred: new Float64Array(CAPACITY),
  };
  private count = 0;
  private next = 0;

  sample(nowMs: number): void {
    this.timestamps[this.next] = nowMs;
    for (const counter of TPS_COUNTERS) this.values[counter][this.next] = this.totals[counter];
    this.next = (this.next + 1) % CAPACITY;
    this.count = Math.min(this.count + 1, CAPACITY);
  }

  /** E.g. `12.5 3.0 0.3`: the three windows, Java double text, blank where too few samples. */
  text(counter: TpsCounter | 'getTotal'): string {
    return WINDOWS_SECONDS.map((seconds) => {
      const tps =
        counter === 'getTotal'
          ? sumOrUndefined(this.rate('getFound', seconds), this.rate('getMiss', seconds))
          : this.rate(counter, seconds);
      return tps === undefined ? '' : javaDoubleText(tps);
    }).join(' ');
  }

  /** Rate over the last `seconds` samples, undefined when fewer are held. */
  rate(counter: TpsCounter, seconds: number): number | undefined {
    if (this.count <= seconds) return undefined;
    const last = (this.next - 1 + CAPACITY) % CAPACITY;
    const before = (this.next - 1 - seconds + 2 * CAPACITY) % CAPACITY;
    const elapsedMs = (this.timestamps[last] ?? 0) - (this.timestamps[before] ?? 0);
    if (elapsedMs <= 0) return 0;
    const values = this.values[counter];
    return (((values[last] ?? 0) - (values[before] ?? 0)) * 1000) / elapsedMs;
  }
}

function sumOrUndefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a + b;
}

/** Java's Double.toString for ordinary magnitudes: whole numbers keep a `.0`. */
export function javaDoubleText(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}
