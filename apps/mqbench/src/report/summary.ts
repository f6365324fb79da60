import type { LatencyHistogram } from '../stats/latency-histogram';

/** Latencies of the measured window in milliseconds (µs precision), as the JSON summary holds them. */
export interface LatencyMs {
  readonly avg: number;
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

/** The `--json` line: what one run measured, warm-up excluded. */
export interface BenchSummary {
  readonly mode: 'producer' | 'consumer';
  readonly topic: string;
  /** Successful messages per second over the measured window. */
  readonly tps: number;
  /** Successful messages in the measured window. */
  readonly messages: number;
  /** Failed sends (producer) or RECONSUME_LATER answers (consumer) in the measured window. */
  readonly failures: number;
  readonly durationSeconds: number;
  /** Producer: send round trip. Consumer: born → consumed (Java's B2C). */
  readonly latencyMs: LatencyMs;
  /** Body bytes: the configured size (producer) or the mean consumed size (consumer). */
  readonly size: number;
  readonly concurrency: number;
  readonly async?: boolean;
  readonly group?: string;
  /** Consumer only: stored → consumed (Java's S2C). */
  readonly storeToConsumeMs?: LatencyMs;
  /** Consumer only: born → stored, i.e. the broker's store timestamp minus the producer's. */
  readonly bornToStoreMs?: LatencyMs;
}

const MICROS_PER_MS = 1000;

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function latencyMsOf(histogram: LatencyHistogram): LatencyMs {
  const ms = (micros: number): number => round3(micros / MICROS_PER_MS);
  return {
    avg: ms(histogram.mean),
    p50: ms(histogram.percentile(0.5)),
    p99: ms(histogram.percentile(0.99)),
    p999: ms(histogram.percentile(0.999)),
    max: ms(histogram.max),
  };
}

/** Messages per second, 0 for an empty window (a run stopped before its warm-up ended). */
export function tpsOf(messages: number, seconds: number): number {
  return seconds > 0 ? round3(messages / seconds) : 0;
}

/** The closing human-readable percentile line, after the Java-style "[Complete]" line. */
export function formatLatencyLine(label: string, latency: LatencyMs): string {
  return `${label} RT(ms): avg ${latency.avg.toFixed(3)} p50 ${latency.p50.toFixed(3)} p99 ${latency.p99.toFixed(3)} p999 ${latency.p999.toFixed(3)} max ${latency.max.toFixed(3)}`;
}

/** `yyyy-MM-dd HH:mm:ss,SSS` in local time: how Apache's benchmark stamps its lines. */
export function formatTimestamp(date: Date): string {
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())},${pad(date.getMilliseconds(), 3)}`
  );
}
