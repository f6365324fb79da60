import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import type { MetricDefinition } from './metric-catalogue';

type LabelOf<Definition extends MetricDefinition> = Definition['labelNames'][number];

/** The prom-client class a definition turns into, with its label names as the type parameter. */
export type MetricFor<Definition extends MetricDefinition> = Definition['type'] extends 'counter'
  ? Counter<LabelOf<Definition>>
  : Definition['type'] extends 'gauge'
    ? Gauge<LabelOf<Definition>>
    : Histogram<LabelOf<Definition>>;

export interface MetricsRegistryOptions {
  /** Process metrics (CPU, memory, event-loop lag, GC); true for apps, false in most specs. */
  readonly collectDefaultMetrics: boolean;
  /** Prefix for the default process metrics only, e.g. `rocketmq_namesrv_`; catalogue names are never changed. */
  readonly prefix?: string;
  /**
   * Labels stamped on every series of this registry, process metrics included: the NODE_LABEL_NAMES
   * (`cluster`, `node_type`, `node_id`), so one Prometheus can tell the brokers of several clusters apart.
   */
  readonly defaultLabels?: Readonly<Record<string, string>>;
}

export interface MetricsRegistry<Entries extends Record<string, MetricDefinition>> {
  /** Serve `await registry.metrics()` with `registry.contentType` on /metrics. */
  readonly registry: Registry;
  readonly metrics: { readonly [Key in keyof Entries]: MetricFor<Entries[Key]> };
}

/**
 * A fresh prom-client Registry (never the global one, so specs and several apps in one process do
 * not collide) holding exactly `entries`, with typed accessors keyed like the catalogue:
 * `createMetricsRegistry({ namesrvTopics: METRIC_CATALOGUE.namesrvTopics }, …).metrics.namesrvTopics.set(3)`.
 */
export function createMetricsRegistry<Entries extends Record<string, MetricDefinition>>(
  entries: Entries,
  options: MetricsRegistryOptions,
): MetricsRegistry<Entries> {
  const registry = new Registry();
  if (options.defaultLabels) registry.setDefaultLabels({ ...options.defaultLabels });
  const metrics: Record<string, Counter | Gauge | Histogram> = {};
  for (const [key, definition] of Object.entries(entries)) {
    if (definition.createdBy !== undefined)
      throw new Error(`${definition.name} is created by ${definition.createdBy}; do not register it by hand`);
    metrics[key] = createMetric(definition, registry);
  }
  if (options.collectDefaultMetrics) collectDefaultMetrics({ register: registry, prefix: options.prefix });
  return { registry, metrics: metrics as MetricsRegistry<Entries>['metrics'] };
}

function createMetric(definition: MetricDefinition, registry: Registry): Counter | Gauge | Histogram {
  const common = { name: definition.name, help: definition.help, labelNames: [...definition.labelNames], registers: [registry] };
  switch (definition.type) {
    case 'counter':
      return new Counter(common);
    case 'gauge':
      return new Gauge(common);
    case 'histogram':
      return new Histogram({ ...common, buckets: definition.buckets ? [...definition.buckets] : undefined });
  }
}
