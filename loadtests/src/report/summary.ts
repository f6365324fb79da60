import type { RunMetrics } from '../metrics/run-metrics';
import type { MetricStats, ThresholdResult } from './thresholds';

export const PERCENTILES = [0.5, 0.9, 0.99, 0.999] as const;

/** `--summary-export` JSON; the fields are listed in loadtests/README.md. */
export interface SummaryJson {
  readonly scenario: string;
  readonly testid: string;
  readonly executor: string;
  readonly durationSeconds: number;
  readonly passed: boolean;
  readonly metrics: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly sendErrorsByCode: Readonly<Record<string, number>>;
  readonly checks: Readonly<Record<string, { readonly passes: number; readonly fails: number }>>;
  readonly thresholds: readonly ThresholdResult[];
  /** Ramp scenarios: the first second that crossed the knee criterion, if any. */
  readonly knee: { readonly targetRate: number; readonly achievedRate: number; readonly p99Ms: number; readonly atSecond: number } | null;
  readonly lostSample: readonly number[];
  readonly duplicates: number;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

/** The run's figures as the thresholds and the summary read them. */
export function statsOf(metrics: RunMetrics, seconds: number, lost: number): Record<string, MetricStats> {
  const per = (count: number): number => (seconds > 0 ? count / seconds : 0);
  const sends = metrics.sent + metrics.errors;
  const checks = [...metrics.checks.values()].reduce(
    (sum, entry) => ({ passes: sum.passes + entry.passes, all: sum.all + entry.passes + entry.fails }),
    { passes: 0, all: 0 },
  );
  const latency = metrics.latency.stats();
  const percentiles: Record<string, number> = {};
  for (const fraction of PERCENTILES) percentiles[`p(${round(fraction * 100)})`] = metrics.latency.percentileMs(fraction);
  return {
    send_latency: { values: { ...latency, ...percentiles }, percentile: (fraction) => metrics.latency.percentileMs(fraction) },
    send_errors: { values: { count: metrics.errors, rate: sends === 0 ? 0 : metrics.errors / sends } },
    iterations: { values: { count: metrics.iterations, rate: per(metrics.iterations) } },
    dropped_iterations: { values: { count: metrics.dropped, rate: per(metrics.dropped) } },
    messages_sent: { values: { count: metrics.sent, rate: per(metrics.sent) } },
    messages_consumed: { values: { count: metrics.consumed, rate: per(metrics.consumed) } },
    consumer_lag: { values: { max: metrics.maxLag, value: metrics.lag } },
    lost_messages: { values: { count: lost } },
    // No checks ran: nothing failed.
    checks: {
      values: { rate: checks.all === 0 ? 1 : checks.passes / checks.all, passes: checks.passes, fails: checks.all - checks.passes },
    },
    vus: { values: { max: metrics.maxVus, value: metrics.vus } },
  };
}

function line(name: string, text: string): string {
  return `     ${name.padEnd(22, '.')}: ${text}`;
}

/** k6's end-of-test summary: checks, thresholds ✓/✗ under their metric, then every figure. */
export function formatSummary(summary: SummaryJson): string {
  const lines: string[] = [
    '',
    `  scenario ${summary.scenario} (${summary.executor}), testid ${summary.testid}, ${summary.durationSeconds} s`,
    '',
  ];
  for (const [name, entry] of Object.entries(summary.checks)) {
    const all = entry.passes + entry.fails;
    lines.push(
      `     ${entry.fails === 0 ? '✓' : '✗'} ${name}  ${((100 * entry.passes) / Math.max(1, all)).toFixed(2)}% — ✓ ${entry.passes} / ✗ ${entry.fails}`,
    );
  }
  if (summary.checks && Object.keys(summary.checks).length > 0) lines.push('');
  const marked = new Map<string, ThresholdResult[]>();
  for (const result of summary.thresholds) marked.set(result.metric, [...(marked.get(result.metric) ?? []), result]);
  for (const [metric, values] of Object.entries(summary.metrics)) {
    const results = marked.get(metric) ?? [];
    const mark = results.length === 0 ? ' ' : results.every((result) => result.ok) ? '✓' : '✗';
    const text = Object.entries(values)
      .map(([key, value]) => `${key}=${metric === 'send_latency' ? `${round(value)}ms` : round(value)}`)
      .join(' ');
    lines.push(`   ${mark} ${line(metric, text).trimStart()}`);
    for (const result of results) lines.push(`         ${result.ok ? '✓' : '✗'} '${result.expression}' (${round(result.actual)})`);
  }
  const codes = Object.entries(summary.sendErrorsByCode);
  if (codes.length > 0) lines.push(line('send errors by code', codes.map(([code, count]) => `${code}=${count}`).join(' ')));
  if (summary.knee !== null)
    lines.push(
      line(
        'knee',
        `target ${round(summary.knee.targetRate)}/s achieved ${round(summary.knee.achievedRate)}/s p99 ${round(summary.knee.p99Ms)}ms at ${summary.knee.atSecond}s`,
      ),
    );
  if (summary.duplicates > 0) lines.push(line('redelivered', String(summary.duplicates)));
  if (summary.lostSample.length > 0) lines.push(line('lost (sample of seq)', summary.lostSample.join(', ')));
  const crossed = summary.thresholds.filter((result) => !result.ok);
  lines.push(
    '',
    crossed.length === 0
      ? '  thresholds: all passed'
      : `  thresholds crossed: ${crossed.map((result) => `${result.metric} '${result.expression}'`).join(', ')}`,
    '',
  );
  return lines.join('\n');
}

export function metricsForJson(stats: Readonly<Record<string, MetricStats>>): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(stats).map(([name, entry]) => [
      name,
      Object.fromEntries(Object.entries(entry.values).map(([key, value]) => [key, round(value)])),
    ]),
  );
}
