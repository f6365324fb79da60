import { Gauge, Registry } from 'prom-client';

import type { SampleSet } from './sample-set';

/**
 * Prometheus text of one snapshot, rendered once when the round ends so that /metrics only
 * concatenates strings: a scrape never waits on a broker and never sees half of a round.
 * A throwaway registry per round means series of topics, groups or brokers that vanished are
 * simply absent from the next text.
 */
export async function renderSnapshot(samples: SampleSet): Promise<string> {
  const registry = new Registry();
  for (const { definition, samples: values } of samples.entries()) {
    if (definition.type !== 'gauge') throw new Error(`${definition.name}: a snapshot holds gauges only`);
    const gauge = new Gauge({
      name: definition.name,
      help: definition.help,
      labelNames: [...definition.labelNames],
      registers: [registry],
    });
    for (const sample of values) gauge.set(sample.labels, sample.value);
  }
  return registry.metrics();
}
