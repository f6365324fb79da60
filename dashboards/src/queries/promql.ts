import type { MetricDefinition } from '@rocketmq-ts/observability';

import { assertLabels, type ExactMatchers, selector } from './selectors';

/*
 * Small PromQL builders. Each takes a catalogue entry, never a name, so a renamed or removed
 * metric fails the dashboards' typecheck instead of leaving a panel silently empty.
 */

const RATE_WINDOW = '$__rate_interval';

function requireType(metric: MetricDefinition, type: MetricDefinition['type']): void {
  if (metric.type !== type) throw new Error(`${metric.name} is a ${metric.type}, not a ${type}`);
}

/** The series as they are, for gauges. */
export function gauge(metric: MetricDefinition, exact?: ExactMatchers): string {
  if (metric.type === 'histogram') throw new Error(`${metric.name} is a histogram; use quantile()`);
  return selector(metric, exact);
}

/** Per-second rate of a counter. */
export function rate(metric: MetricDefinition, exact?: ExactMatchers): string {
  requireType(metric, 'counter');
  return `rate(${selector(metric, exact)}[${RATE_WINDOW}])`;
}

/** `aggregation by (labels) (expr)`; the labels are checked against the metric the expression reads. */
export function aggregateBy(
  aggregation: 'sum' | 'max' | 'min' | 'avg',
  metric: MetricDefinition,
  labels: readonly string[],
  expr: string,
): string {
  assertLabels(metric, labels);
  return labels.length === 0 ? `${aggregation}(${expr})` : `${aggregation} by (${labels.join(', ')}) (${expr})`;
}

export function sumBy(metric: MetricDefinition, labels: readonly string[], expr: string): string {
  return aggregateBy('sum', metric, labels, expr);
}

/** A histogram percentile (q in 0..1) from rates of its buckets, kept apart by `labels`. */
export function quantile(q: number, metric: MetricDefinition, labels: readonly string[] = [], exact?: ExactMatchers): string {
  requireType(metric, 'histogram');
  assertLabels(metric, labels);
  const by = ['le', ...labels].join(', ');
  return `histogram_quantile(${q}, sum by (${by}) (rate(${selector(metric, exact, { seriesSuffix: '_bucket' })}[${RATE_WINDOW}])))`;
}

/** Average of a histogram (sum / count) per `labels`. */
export function histogramAverage(metric: MetricDefinition, labels: readonly string[] = [], exact?: ExactMatchers): string {
  requireType(metric, 'histogram');
  const sum = sumBy(metric, labels, `rate(${selector(metric, exact, { seriesSuffix: '_sum' })}[${RATE_WINDOW}])`);
  const count = sumBy(metric, labels, `rate(${selector(metric, exact, { seriesSuffix: '_count' })}[${RATE_WINDOW}])`);
  return `${sum} / ${count}`;
}

/**
 * For counters that only have series once something went wrong (errors): a constant 0 when
 * there are none, so the panel shows "no errors" rather than "no data".
 */
export function orZero(expr: string): string {
  return `(${expr}) or vector(0)`;
}
