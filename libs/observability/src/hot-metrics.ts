import type { Metric, Registry } from 'prom-client';

import { at } from '@rocketmq-ts/base';

import type { MetricDefinition } from './catalogue/metric-definition';

/*
 * Counters and histograms for per-message paths. prom-client's label children re-hash their label
 * object and validate it on every inc/observe (~150-350 ns each); these cells are plain objects the
 * caller keeps, so recording is an add (counter) or a short bucket scan and three adds (histogram),
 * with no allocation. Values are turned into prom-client's exposition shape only when the registry
 * renders, so /metrics output is identical to a prom-client metric of the same definition.
 */

type Labels = Readonly<Record<string, string>>;

interface ExposedValue {
  readonly value: number;
  readonly labels: Readonly<Record<string, string | number>>;
  /** prom-client's histograms put a series' own labels here (rendered after `le` and the default labels). */
  readonly sharedLabels?: Labels;
  readonly metricName?: string;
}

export class HotCounterCell {
  value = 0;

  constructor(readonly labels: Labels) {}

  inc(amount = 1): void {
    this.value += amount;
  }
}

export class HotHistogramCell {
  /** Non-cumulative counts per bucket; the last slot is above the highest bound (+Inf). */
  readonly bucketCounts: Float64Array;
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Labels,
    private readonly upperBounds: readonly number[],
  ) {
    this.bucketCounts = new Float64Array(upperBounds.length + 1);
  }

  observe(value: number): void {
    const bounds = this.upperBounds;
    let bucket = 0;
    while (bucket < bounds.length && value > at(bounds, bucket, 'bucket bounds')) bucket++;
    this.bucketCounts[bucket] = at(this.bucketCounts, bucket, 'bucket counts') + 1;
    this.sum += value;
    this.count++;
  }
}

/** Cells keyed by their label values; callers keep the cells they record into, so lookups happen once per label set. */
abstract class HotMetric<Cell extends { readonly labels: Labels }> {
  readonly name: string;
  readonly help: string;
  readonly aggregator = 'sum';
  protected readonly cells = new Map<string, Cell>();

  constructor(protected readonly definition: MetricDefinition) {
    this.name = definition.name;
    this.help = definition.help;
  }

  /** The cell of these label values (positional, in the definition's order), created on first use. */
  labels(...values: string[]): Cell {
    const key = values.join('\u0000');
    let cell = this.cells.get(key);
    if (cell === undefined) {
      if (values.length !== this.definition.labelNames.length)
        throw new Error(`${this.name} takes ${this.definition.labelNames.length} label values, got ${values.length}`);
      const labels: Record<string, string> = {};
      this.definition.labelNames.forEach((name, index) => (labels[name] = at(values, index, 'label values')));
      cell = this.createCell(labels);
      this.cells.set(key, cell);
    }
    return cell;
  }

  /** Drops the series of these label values (a deleted topic); a cell still held by a caller records into nothing. */
  remove(...values: string[]): void {
    this.cells.delete(values.join('\u0000'));
  }

  reset(): void {
    this.cells.clear();
    this.showUnlabelledSeries();
  }

  /** Like prom-client, a metric without labels shows a zero series from the start. Subclasses call it once constructed. */
  protected showUnlabelledSeries(): void {
    if (this.definition.labelNames.length === 0) this.labels();
  }

  protected abstract createCell(labels: Labels): Cell;
}

export class HotCounter extends HotMetric<HotCounterCell> {
  readonly type = 'counter';

  constructor(definition: MetricDefinition) {
    super(definition);
    this.showUnlabelledSeries();
  }

  protected createCell(labels: Labels): HotCounterCell {
    return new HotCounterCell(labels);
  }

  async get(): Promise<{ name: string; help: string; type: 'counter'; aggregator: 'sum'; values: ExposedValue[] }> {
    const values = [...this.cells.values()].map((cell) => ({ value: cell.value, labels: cell.labels }));
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}

export class HotHistogram extends HotMetric<HotHistogramCell> {
  readonly type = 'histogram';
  private readonly upperBounds: readonly number[];

  constructor(definition: MetricDefinition) {
    super(definition);
    if (definition.buckets === undefined) throw new Error(`${definition.name} has no buckets`);
    this.upperBounds = [...definition.buckets];
    this.showUnlabelledSeries();
  }

  protected createCell(labels: Labels): HotHistogramCell {
    return new HotHistogramCell(labels, this.upperBounds);
  }

  /** For JSON readers (getMetricsAsJSON): each series' labels merged in, as prom-client's get() gives them. */
  async get(): Promise<{ name: string; help: string; type: 'histogram'; aggregator: 'sum'; values: ExposedValue[] }> {
    const exposed = await this.getForPromString();
    return {
      ...exposed,
      values: exposed.values.map(({ labels, sharedLabels, ...rest }) => ({ ...rest, labels: { ...labels, ...sharedLabels } })),
    };
  }

  /** What the registry renders as text (it prefers this to get()). */
  async getForPromString(): Promise<{ name: string; help: string; type: 'histogram'; aggregator: 'sum'; values: ExposedValue[] }> {
    const values: ExposedValue[] = [];
    const bucketName = `${this.name}_bucket`;
    for (const cell of this.cells.values()) {
      let cumulative = 0;
      this.upperBounds.forEach((bound, index) => {
        cumulative += at(cell.bucketCounts, index, 'bucket counts');
        values.push({ metricName: bucketName, labels: { le: bound }, sharedLabels: cell.labels, value: cumulative });
      });
      values.push({ metricName: bucketName, labels: { le: '+Inf' }, sharedLabels: cell.labels, value: cell.count });
      values.push({ metricName: `${this.name}_sum`, labels: {}, sharedLabels: cell.labels, value: cell.sum });
      values.push({ metricName: `${this.name}_count`, labels: {}, sharedLabels: cell.labels, value: cell.count });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}

/**
 * Builds the hot counter or histogram of a catalogue entry and registers it; the registry renders
 * it like its own metrics (default labels included). prom-client types registries as holding only
 * its classes, hence the one cast: at run time a registry needs just name, get() and reset().
 */
export function registerHotCounter(definition: MetricDefinition, registry: Registry): HotCounter {
  if (definition.type !== 'counter') throw new Error(`${definition.name} is a ${definition.type}, not a counter`);
  const counter = new HotCounter(definition);
  registry.registerMetric(counter as unknown as Metric);
  return counter;
}

export function registerHotHistogram(definition: MetricDefinition, registry: Registry): HotHistogram {
  if (definition.type !== 'histogram') throw new Error(`${definition.name} is a ${definition.type}, not a histogram`);
  const histogram = new HotHistogram(definition);
  registry.registerMetric(histogram as unknown as Metric);
  return histogram;
}
