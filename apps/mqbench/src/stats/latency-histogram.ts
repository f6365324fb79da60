/**
 * A latency histogram in whole microseconds with fixed log-linear buckets (the HdrHistogram layout):
 * values below 256 µs each have their own bucket; above, every power-of-two range is cut into 128
 * equal buckets, so a bucket is at most 1/128 (< 0.8 %) of its values wide. 3 200 buckets cover
 * 0 µs .. 2^31 µs (about 36 minutes); larger values land in the last bucket and still set `max`.
 *
 * `record` only bumps counters in a preallocated array, so the hot path allocates nothing, and the
 * memory stays 25 KiB whatever the message count.
 */
const SUB_BUCKET_BITS = 8;
const SUB_BUCKET_COUNT = 1 << SUB_BUCKET_BITS; // 256
const SUB_BUCKET_HALF = SUB_BUCKET_COUNT >> 1; // 128
const MAX_TRACKABLE = 0x7fff_ffff;
const BUCKET_COUNT = bucketIndex(MAX_TRACKABLE) + 1;

/** The bucket a value (integer, 0 .. MAX_TRACKABLE) falls into. */
function bucketIndex(value: number): number {
  if (value < SUB_BUCKET_COUNT) return value;
  // Shift the value right until it fits in [128, 256): the shift picks the range, the rest the bucket.
  const shift = 31 - Math.clz32(value) - (SUB_BUCKET_BITS - 1);
  return shift * SUB_BUCKET_HALF + (value >>> shift);
}

/** The largest value that falls into bucket `index`: what a percentile reports (as HdrHistogram does). */
function bucketHighestValue(index: number): number {
  if (index < SUB_BUCKET_COUNT) return index;
  const shift = Math.floor(index / SUB_BUCKET_HALF) - 1;
  const low = (index - shift * SUB_BUCKET_HALF) * 2 ** shift;
  return low + 2 ** shift - 1;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKET_COUNT);
  private total = 0;
  private sum = 0;
  private minValue = Number.POSITIVE_INFINITY;
  private maxValue = 0;

  /** Records one latency in microseconds; fractions are rounded, negatives (clock skew) count as 0. */
  record(micros: number): void {
    const value = micros > 0 ? Math.round(micros) : 0;
    const index = bucketIndex(value < MAX_TRACKABLE ? value : MAX_TRACKABLE);
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    this.total += 1;
    this.sum += value;
    if (value < this.minValue) this.minValue = value;
    if (value > this.maxValue) this.maxValue = value;
  }

  get count(): number {
    return this.total;
  }

  /** Exact mean of the recorded (rounded) values, µs; 0 when empty. */
  get mean(): number {
    return this.total === 0 ? 0 : this.sum / this.total;
  }

  /** Exact smallest value, µs; 0 when empty. */
  get min(): number {
    return this.total === 0 ? 0 : this.minValue;
  }

  /** Exact largest value, µs; 0 when empty. */
  get max(): number {
    return this.maxValue;
  }

  /**
   * Nearest-rank percentile, µs, for `fraction` in [0, 1] (0.99 is p99): the top of the bucket that
   * holds the ceil(fraction × count)-th smallest value, clamped to the exact min and max. 0 when empty.
   */
  percentile(fraction: number): number {
    if (this.total === 0) return 0;
    if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`percentile fraction must be within [0, 1], got ${fraction}`);
    const rank = Math.max(1, Math.ceil(fraction * this.total));
    let seen = 0;
    for (let index = 0; index < BUCKET_COUNT; index += 1) {
      seen += this.counts[index] ?? 0;
      if (seen >= rank) return Math.min(Math.max(bucketHighestValue(index), this.minValue), this.maxValue);
    }
    return this.maxValue;
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.sum = 0;
    this.minValue = Number.POSITIVE_INFINITY;
    this.maxValue = 0;
  }
}

/** Exposed for the spec: the bucket layout's invariants are worth checking on their own. */
export const histogramLayout = { bucketIndex, bucketHighestValue, BUCKET_COUNT, MAX_TRACKABLE };
