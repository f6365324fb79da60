/**
 * The shape of one catalogue entry, and the helpers that build the catalogue. Names follow
 * Prometheus conventions: snake_case, the unit as the last word (`_milliseconds`, `_bytes`),
 * `_total` on counters; rocketmq-exporter's historical names are kept exactly, oddities included,
 * because dashboards and alerts in the wild use them.
 */
export type MetricType = 'counter' | 'gauge' | 'histogram';

/**
 * Who emits a metric, which also tells a dashboard query which labels it carries:
 * - `runtime`: prom-client's default process and Node metrics, on every app;
 * - `remoting`: per-request metrics of every remoting server (namesrv, broker);
 * - `namesrv`, `broker`: the app's own figures (broker ones in RocketMQ 5's native style);
 * - `exporter`: apps/exporter, rocketmq-exporter's names and labels plus our additions;
 * - `loadtest`: the load-test runner (loadtests/) while a scenario runs, read by the load-test dashboard.
 * - `controller`: the controller (apps/controller), named as Apache's controller metrics.
 */
export type MetricFamily = 'runtime' | 'remoting' | 'namesrv' | 'broker' | 'exporter' | 'loadtest' | 'controller';

export interface MetricDefinition {
  readonly name: string;
  readonly type: MetricType;
  readonly family: MetricFamily;
  readonly help: string;
  readonly labelNames: readonly string[];
  /** Histogram bucket upper bounds, in the unit the name states. */
  readonly buckets?: readonly number[];
  /**
   * Set when something other than our registries creates the metric: prom-client's
   * `collectDefaultMetrics`. The catalogue names it so dashboards can refer to it;
   * `createMetricsRegistry` must not create it.
   */
  readonly createdBy?: 'prom-client-defaults';
}

/**
 * Latency buckets from 0.1 ms (an in-memory namesrv lookup) to 5 s (a long-poll or a slow disk
 * flush), roughly 1-2.5-5 per decade so each bucket is a readable number.
 */
export const LATENCY_BUCKETS_MS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000] as const;

/** RocketMQ 5's message-size buckets (1 KiB … 4 MiB), in bytes. */
export const MESSAGE_SIZE_BUCKETS_BYTES = [1_024, 4_096, 65_536, 524_288, 1_048_576, 2_097_152, 4_194_304] as const;

/** Keeps the literal types of one entry (name, labels) while checking it against MetricDefinition. */
export function defineMetric<const Definition extends MetricDefinition>(definition: Definition): Definition {
  return definition;
}

/** A list of definitions as an object keyed by each definition's exposition name. */
export type MetricsByName<Definitions extends readonly MetricDefinition[]> = {
  readonly [Definition in Definitions[number] as Definition['name']]: Definition;
};

/** Indexes definitions by name; a duplicate name is a programming error caught at import time. */
export function indexMetricsByName<const Definitions extends readonly MetricDefinition[]>(
  definitions: Definitions,
): MetricsByName<Definitions> {
  const byName: Record<string, MetricDefinition> = {};
  for (const definition of definitions) {
    if (byName[definition.name] !== undefined) throw new Error(`metric ${definition.name} is defined twice in the catalogue`);
    byName[definition.name] = definition;
  }
  return byName as MetricsByName<Definitions>;
}
