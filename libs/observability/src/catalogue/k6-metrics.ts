import { defineMetric } from './metric-definition';

/**
 * What `k6 run -o experimental-prometheus-rw --tag testid=<id>` writes (ecosystem.md §4.3): k6's
 * built-ins and the load scripts' custom `rmq_send_latency` trend and `rmq_send_errors` counter,
 * after k6's renaming (`k6_` prefix, `_total` on counters, one gauge per trend stat, seconds).
 * The load-test dashboard reads them; they stay empty until a k6 run writes to Prometheus.
 */
const K6_LABELS = ['testid', 'scenario'] as const;

function k6Metric<const Name extends string>(name: Name, type: 'counter' | 'gauge', help: string) {
  return defineMetric({ name, type, family: 'k6', help, labelNames: K6_LABELS, createdBy: 'k6-remote-write' });
}

export const K6_METRICS = [
  k6Metric('k6_vus', 'gauge', 'Virtual users running now.'),
  k6Metric('k6_iterations_total', 'counter', 'Iterations completed; with one send per iteration, the achieved send rate.'),
  k6Metric('k6_dropped_iterations_total', 'counter', 'Iterations k6 could not start at the configured arrival rate.'),
  k6Metric('k6_checks_rate', 'gauge', 'Fraction of passed checks.'),
  k6Metric('k6_rmq_send_latency_p99', 'gauge', 'The 99th percentile of send latency seen by k6, in seconds.'),
  k6Metric('k6_rmq_send_errors_total', 'counter', 'Sends that failed in the load script.'),
] as const;
