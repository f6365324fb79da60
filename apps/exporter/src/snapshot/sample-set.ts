import type { MetricDefinition } from '@rocketmq-ts/observability';

export type LabelsOf<Definition extends MetricDefinition> = { readonly [Label in Definition['labelNames'][number]]: string };

export interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/**
 * The values of one snapshot, grouped by catalogue metric. Labels are typed from the catalogue
 * entry, so a sample cannot miss a label the metric declares or add one it does not.
 */
export class SampleSet {
  private readonly byName = new Map<string, { readonly definition: MetricDefinition; readonly samples: Sample[] }>();

  add<Definition extends MetricDefinition>(definition: Definition, labels: LabelsOf<Definition>, value: number): void {
    if (!Number.isFinite(value)) return;
    let entry = this.byName.get(definition.name);
    if (entry === undefined) {
      entry = { definition, samples: [] };
      this.byName.set(definition.name, entry);
    }
    entry.samples.push({ labels, value });
  }

  samplesOf(definition: MetricDefinition): readonly Sample[] {
    return this.byName.get(definition.name)?.samples ?? [];
  }

  entries(): IterableIterator<{ readonly definition: MetricDefinition; readonly samples: readonly Sample[] }> {
    return this.byName.values();
  }

  get size(): number {
    let count = 0;
    for (const entry of this.byName.values()) count += entry.samples.length;
    return count;
  }
}
