import { defineMetric, LATENCY_BUCKETS_MS } from './metric-definition';

/**
 * What the load-test runner (loadtests/) serves on its own /metrics while a scenario runs; the
 * load-test dashboard reads them. Every series carries the run's `testid` and the `scenario` name
 * (registry default labels), so one Prometheus can hold many runs apart.
 */
const RUN_LABELS = ['testid', 'scenario'] as const;

export const LOADTEST_METRICS = [
  defineMetric({
    name: 'loadtest_vus',
    type: 'gauge',
    family: 'loadtest',
    help: 'Virtual users allocated now (arrival-rate executors: what was needed to hold the rate).',
    labelNames: RUN_LABELS,
  }),
  defineMetric({
    name: 'loadtest_iterations_total',
    type: 'counter',
    family: 'loadtest',
    help: 'Iterations finished, successful or not.',
    labelNames: RUN_LABELS,
  }),
  defineMetric({
    name: 'loadtest_dropped_iterations_total',
    type: 'counter',
    family: 'loadtest',
    help: 'Iterations an arrival-rate executor could not start on time because every allowed VU was busy.',
    labelNames: RUN_LABELS,
  }),
  defineMetric({
    name: 'loadtest_messages_sent_total',
    type: 'counter',
    family: 'loadtest',
    help: 'Messages the broker acknowledged: the achieved send rate.',
    labelNames: RUN_LABELS,
  }),
  defineMetric({
    name: 'loadtest_send_latency_milliseconds',
    type: 'histogram',
    family: 'loadtest',
    help: 'Client-side send latency; arrival-rate executors measure it from the intended start of the iteration.',
    labelNames: RUN_LABELS,
    buckets: LATENCY_BUCKETS_MS,
  }),
  defineMetric({
    name: 'loadtest_send_errors_total',
    type: 'counter',
    family: 'loadtest',
    help: 'Failed sends by response code (the broker code, or timeout / connection / other for failures without one).',
    labelNames: [...RUN_LABELS, 'code'],
  }),
  defineMetric({
    name: 'loadtest_messages_consumed_total',
    type: 'counter',
    family: 'loadtest',
    help: "Messages of this run delivered to the run's consumers.",
    labelNames: RUN_LABELS,
  }),
  defineMetric({
    name: 'loadtest_consumer_lag_messages',
    type: 'gauge',
    family: 'loadtest',
    help: 'Messages of this run acknowledged to its producers and not yet delivered to its consumers.',
    labelNames: RUN_LABELS,
  }),
  defineMetric({
    name: 'loadtest_checks_total',
    type: 'counter',
    family: 'loadtest',
    help: 'Check outcomes (e.g. in order, body intact), by check and result (pass / fail).',
    labelNames: [...RUN_LABELS, 'check', 'result'],
  }),
] as const;
