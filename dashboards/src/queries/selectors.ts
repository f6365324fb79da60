import { type MetricDefinition, NODE_LABEL_NAMES } from '@rocketmq-ts/observability';

/** The dashboard variables a selector may filter on; each is defined in variables.ts. */
export type DashboardVariable = 'cluster' | 'broker' | 'topic' | 'group' | 'testid';

/**
 * Which variable filters which label. `broker` is the brokerName: the exporter calls the label
 * `broker`, the broker itself `node_id` (RocketMQ 5's name), so both follow the same picker.
 */
const VARIABLE_OF_LABEL: Readonly<Record<string, DashboardVariable>> = {
  cluster: 'cluster',
  broker: 'broker',
  topic: 'topic',
  group: 'group',
  consumer_group: 'group',
  testid: 'testid',
};

/** Families whose series carry the app's node labels (registry default labels). */
const NODE_LABELLED = new Set<MetricDefinition['family']>(['runtime', 'remoting', 'namesrv', 'broker']);

export type ExactMatchers = Readonly<Record<string, string>>;

/** Every label a metric's series carry: its own plus, for our apps, cluster / node_type / node_id. */
export function seriesLabels(metric: MetricDefinition): readonly string[] {
  return NODE_LABELLED.has(metric.family) ? [...metric.labelNames, ...NODE_LABEL_NAMES] : metric.labelNames;
}

/** Throws unless every label exists on the metric: a typo must fail generation, not give an empty panel. */
export function assertLabels(metric: MetricDefinition, labels: readonly string[]): void {
  const known = seriesLabels(metric);
  for (const label of labels) {
    if (label !== 'le' && !known.includes(label))
      throw new Error(`${metric.name} has no label ${label} (it has ${known.join(', ') || 'none'})`);
  }
}

/** Broker series of our own apps are picked by node_id; the exporter names the broker in its own label. */
function filtersBrokerByNodeId(metric: MetricDefinition, exact: ExactMatchers): boolean {
  return metric.family === 'broker' || exact['node_type'] === 'broker';
}

export interface SelectorOptions {
  /** `_bucket`, `_sum` or `_count` for a histogram's series. */
  readonly seriesSuffix?: string;
  /** Pickers not to apply, e.g. a variable's own query must not filter by itself. */
  readonly withoutPickers?: readonly DashboardVariable[];
}

/**
 * `name{label=~"$var",...,label="value"}`: every label the dashboard has a picker for is filtered
 * by it (`=~` so "All" = `.*` also matches series without the label), plus exact matchers
 * (a value starting with `!~` becomes a negative regex matcher).
 */
export function selector(metric: MetricDefinition, exact: ExactMatchers = {}, options: SelectorOptions = {}): string {
  assertLabels(metric, Object.keys(exact));
  const matchers: string[] = [];
  for (const label of seriesLabels(metric)) {
    const variable = label === 'node_id' ? (filtersBrokerByNodeId(metric, exact) ? 'broker' : undefined) : VARIABLE_OF_LABEL[label];
    if (variable === undefined || exact[label] !== undefined || options.withoutPickers?.includes(variable)) continue;
    matchers.push(`${label}=~"$${variable}"`);
  }
  for (const [label, value] of Object.entries(exact))
    matchers.push(value.startsWith('!~') ? `${label}!~"${value.slice(2)}"` : `${label}="${value}"`);
  return `${metric.name}${options.seriesSuffix ?? ''}{${matchers.join(',')}}`;
}
