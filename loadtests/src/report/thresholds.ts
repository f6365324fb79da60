/**
 * k6-style thresholds: `{ send_latency: ['p(99)<20'], send_errors: ['rate<0.001'] }`. Each
 * expression is `<aggregation> <operator> <number>`; the aggregations a metric offers are listed in
 * THRESHOLD_AGGREGATIONS. Any crossed threshold makes the run exit 99, as k6 does.
 */
export const THRESHOLD_AGGREGATIONS: Readonly<Record<string, readonly string[]>> = {
  /** Milliseconds; p(N) for any N in (0, 100]. */
  send_latency: ['avg', 'min', 'med', 'max', 'p(N)'],
  /** rate = failed sends / all sends. */
  send_errors: ['rate', 'count'],
  iterations: ['count', 'rate'],
  dropped_iterations: ['count', 'rate'],
  messages_sent: ['count', 'rate'],
  messages_consumed: ['count', 'rate'],
  consumer_lag: ['max', 'value'],
  /** Acknowledged messages never consumed once the drain ended. */
  lost_messages: ['count'],
  /** rate = passed / all checks. */
  checks: ['rate'],
  vus: ['max', 'value'],
};
export const THRESHOLD_METRICS: readonly string[] = Object.keys(THRESHOLD_AGGREGATIONS);

type Operator = '<' | '<=' | '>' | '>=' | '==' | '!=';
export interface Threshold {
  readonly metric: string;
  readonly expression: string;
  readonly aggregation: string;
  /** For p(N): N / 100. */
  readonly percentile?: number;
  readonly operator: Operator;
  readonly limit: number;
}

const EXPRESSION = /^\s*(p\((\d+(?:\.\d+)?)\)|[a-z]+)\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/;

export function parseThreshold(metric: string, expression: unknown): Threshold {
  const offered = THRESHOLD_AGGREGATIONS[metric];
  if (offered === undefined) throw new RangeError(`unknown metric ${metric} (known: ${THRESHOLD_METRICS.join(', ')})`);
  const match = typeof expression === 'string' ? EXPRESSION.exec(expression) : null;
  if (match === null) throw new RangeError(`${JSON.stringify(expression)} is not like 'p(99)<20' or 'rate<0.01'`);
  const [, aggregation = '', percentile, operator, limit] = match;
  const isPercentile = percentile !== undefined;
  if (!(isPercentile ? offered.includes('p(N)') : offered.includes(aggregation)))
    throw new RangeError(`${metric} offers ${offered.join(', ')}, not ${aggregation}`);
  if (isPercentile && !(Number(percentile) > 0 && Number(percentile) <= 100))
    throw new RangeError(`percentile ${percentile} must be in (0, 100]`);
  return {
    metric,
    expression: expression as string,
    aggregation,
    percentile: isPercentile ? Number(percentile) / 100 : undefined,
    operator: operator as Operator,
    limit: Number(limit),
  };
}

/** What a metric measured over the run: named aggregations, plus percentiles for latency. */
export interface MetricStats {
  readonly values: Readonly<Record<string, number>>;
  readonly percentile?: (fraction: number) => number;
}

export interface ThresholdResult {
  readonly metric: string;
  readonly expression: string;
  readonly actual: number;
  readonly ok: boolean;
}

function holds(actual: number, operator: Operator, limit: number): boolean {
  switch (operator) {
    case '<':
      return actual < limit;
    case '<=':
      return actual <= limit;
    case '>':
      return actual > limit;
    case '>=':
      return actual >= limit;
    case '==':
      return actual === limit;
    case '!=':
      return actual !== limit;
  }
}

export function evaluateThreshold(threshold: Threshold, stats: Readonly<Record<string, MetricStats>>): ThresholdResult {
  const metric = stats[threshold.metric];
  const actual =
    threshold.percentile !== undefined
      ? (metric?.percentile?.(threshold.percentile) ?? Number.NaN)
      : (metric?.values[threshold.aggregation] ?? Number.NaN);
  // NaN (nothing measured) never passes: a threshold on a metric the run did not produce is a failure, not a pass.
  return {
    metric: threshold.metric,
    expression: threshold.expression,
    actual,
    ok: !Number.isNaN(actual) && holds(actual, threshold.operator, threshold.limit),
  };
}

export function evaluateThresholds(
  definitions: Readonly<Record<string, readonly string[]>>,
  stats: Readonly<Record<string, MetricStats>>,
): ThresholdResult[] {
  return Object.entries(definitions).flatMap(([metric, expressions]) =>
    expressions.map((expression) => evaluateThreshold(parseThreshold(metric, expression), stats)),
  );
}
