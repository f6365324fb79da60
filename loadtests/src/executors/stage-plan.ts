/** One straight piece of a plan: the target moves linearly from `from` to `to` over `durationMs`. */
interface Segment {
  readonly startMs: number;
  readonly durationMs: number;
  readonly from: number;
  readonly to: number;
  /** The integral up to this segment's start, in target·ms. */
  readonly before: number;
}

/**
 * k6's stages as a function of time: the target (a rate or a VU count) at any moment, and for rates
 * the number of iterations due by then (the integral) and its inverse, which gives each iteration
 * its intended start time exactly (so the arrival-rate executors can measure latency from it).
 */
export class StagePlan {
  private readonly segments: Segment[] = [];
  readonly totalMs: number;

  constructor(start: number, stages: readonly { readonly durationMs: number; readonly target: number }[]) {
    let at = 0;
    let from = start;
    let before = 0;
    for (const stage of stages) {
      this.segments.push({ startMs: at, durationMs: stage.durationMs, from, to: stage.target, before });
      before += ((from + stage.target) / 2) * stage.durationMs;
      at += stage.durationMs;
      from = stage.target;
    }
    this.totalMs = at;
  }

  /** The target at `ms` since the start; the last target after the end. */
  valueAt(ms: number): number {
    const segment = this.segmentAt(ms);
    if (segment === undefined) return this.segments.at(-1)?.to ?? 0;
    const into = Math.min(Math.max(ms - segment.startMs, 0), segment.durationMs);
    return segment.durationMs === 0 ? segment.to : segment.from + ((segment.to - segment.from) * into) / segment.durationMs;
  }

  /** ∫ target dt from 0 to `ms` (clamped to the plan), in target·ms. */
  integralAt(ms: number): number {
    const segment = this.segmentAt(Math.min(ms, this.totalMs));
    if (segment === undefined) return 0;
    const into = Math.min(Math.max(ms - segment.startMs, 0), segment.durationMs);
    return segment.before + ((segment.from + this.valueAtIn(segment, into)) / 2) * into;
  }

  /** The first moment (ms) at which the integral reaches `amount`; Infinity if it never does. */
  timeOfIntegral(amount: number): number {
    for (const segment of this.segments) {
      const area = ((segment.from + segment.to) / 2) * segment.durationMs;
      const remaining = amount - segment.before;
      if (remaining > area) continue;
      if (remaining <= 0) return segment.startMs;
      // from·t + (to − from)·t² / (2D) = remaining: the smaller non-negative root.
      const a = (segment.to - segment.from) / (2 * segment.durationMs);
      const b = segment.from;
      const into = Math.abs(a) < 1e-15 ? remaining / b : (-b + Math.sqrt(Math.max(0, b * b + 4 * a * remaining))) / (2 * a);
      return segment.startMs + Math.min(Math.max(into, 0), segment.durationMs);
    }
    return Number.POSITIVE_INFINITY;
  }

  private valueAtIn(segment: Segment, into: number): number {
    return segment.durationMs === 0 ? segment.to : segment.from + ((segment.to - segment.from) * into) / segment.durationMs;
  }

  private segmentAt(ms: number): Segment | undefined {
    for (const segment of this.segments) if (ms < segment.startMs + segment.durationMs) return segment;
    return ms >= this.totalMs ? this.segments.at(-1) : undefined;
  }
}
