import { build, type Histogram } from 'hdr-histogram-js';

/** One hour in µs: anything slower is clamped there (and still sets the max). */
const HIGHEST_MICROS = 3_600_000_000;

/** HdrHistogram (3 significant digits) in microseconds, read out in milliseconds. Pure JS: no WebAssembly. */
export class LatencyRecorder {
  private readonly histogram: Histogram = build({
    useWebAssembly: false,
    numberOfSignificantValueDigits: 3,
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_MICROS,
    autoResize: true,
  });

  record(ms: number): void {
    this.histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, Math.round(ms * 1000))));
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  /** `fraction` in (0, 1]; 0 when empty. */
  percentileMs(fraction: number): number {
    return this.count === 0 ? 0 : this.histogram.getValueAtPercentile(fraction * 100) / 1000;
  }

  stats(): { avg: number; min: number; med: number; max: number } {
    if (this.count === 0) return { avg: 0, min: 0, med: 0, max: 0 };
    return {
      avg: this.histogram.mean / 1000,
      min: this.histogram.minNonZeroValue / 1000,
      med: this.percentileMs(0.5),
      max: this.histogram.maxValue / 1000,
    };
  }

  reset(): void {
    this.histogram.reset();
  }
}
