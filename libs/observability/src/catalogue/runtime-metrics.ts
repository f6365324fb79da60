import { defineMetric } from './metric-definition';

/**
 * The process and Node runtime metrics prom-client's `collectDefaultMetrics` adds to every app's
 * registry, under their standard names so stock Node dashboards work. Only the ones our
 * dashboards read are listed; the spec in metrics-registry proves each really appears.
 */
export const RUNTIME_METRICS = [
  defineMetric({
    name: 'process_cpu_seconds_total',
    type: 'counter',
    family: 'runtime',
    help: 'User and system CPU time spent by the process, in seconds.',
    labelNames: [],
    createdBy: 'prom-client-defaults',
  }),
  defineMetric({
    name: 'process_resident_memory_bytes',
    type: 'gauge',
    family: 'runtime',
    help: 'Resident set size of the process, in bytes.',
    labelNames: [],
    createdBy: 'prom-client-defaults',
  }),
  defineMetric({
    name: 'process_start_time_seconds',
    type: 'gauge',
    family: 'runtime',
    help: 'Start time of the process since the Unix epoch, in seconds.',
    labelNames: [],
    createdBy: 'prom-client-defaults',
  }),
  defineMetric({
    name: 'nodejs_eventloop_lag_seconds',
    type: 'gauge',
    family: 'runtime',
    help: 'Event loop lag measured at scrape time, in seconds.',
    labelNames: [],
    createdBy: 'prom-client-defaults',
  }),
  defineMetric({
    name: 'nodejs_eventloop_lag_p99_seconds',
    type: 'gauge',
    family: 'runtime',
    help: 'The 99th percentile of event loop delay since the process started, in seconds.',
    labelNames: [],
    createdBy: 'prom-client-defaults',
  }),
  defineMetric({
    name: 'nodejs_heap_size_used_bytes',
    type: 'gauge',
    family: 'runtime',
    help: 'V8 heap in use, in bytes.',
    labelNames: [],
    createdBy: 'prom-client-defaults',
  }),
  defineMetric({
    name: 'nodejs_heap_size_total_bytes',
    type: 'gauge',
    family: 'runtime',
    help: 'V8 heap reserved, in bytes.',
    labelNames: [],
    createdBy: 'prom-client-defaults',
  }),
  defineMetric({
    name: 'nodejs_gc_duration_seconds',
    type: 'histogram',
    family: 'runtime',
    help: 'Garbage collection pauses by kind (minor, major, incremental, weakcb), in seconds.',
    labelNames: ['kind'],
    createdBy: 'prom-client-defaults',
  }),
] as const;
