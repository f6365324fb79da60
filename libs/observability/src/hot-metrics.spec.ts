// Hot counters and histograms must render exactly what prom-client renders for the same catalogue
// entry and the same observations, default labels included, so switching a path to them is
// invisible to Prometheus and dashboards.
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';

import { METRICS } from './metric-catalogue';
import { createMetricsRegistry } from './metrics-registry';
import { registerHotCounter, registerHotHistogram } from './hot-metrics';

const NODE = { cluster: 'C', node_type: 'broker', node_id: 'b-a' };

function hotRegistry(): Registry {
  const registry = new Registry();
  registry.setDefaultLabels(NODE);
  return registry;
}

describe('Observability > hot metrics', () => {
  it('a hot histogram renders like a prom-client histogram, boundary values and +Inf included', async () => {
    const definition = METRICS.rocketmq_message_size_bytes;
    const reference = createMetricsRegistry({ sizes: definition }, { collectDefaultMetrics: false, defaultLabels: NODE });
    const registry = hotRegistry();
    const hot = registerHotHistogram(definition, registry);
    const observations: Array<[string, number]> = [
      ['A', 10],
      ['A', 1024],
      ['A', 1025],
      ['B', 5_000_000],
      ['A', 4_194_304],
    ];
    for (const [topic, bytes] of observations) {
      reference.metrics.sizes.labels(topic).observe(bytes);
      hot.labels(topic).observe(bytes);
    }
    expect(await registry.metrics()).toBe(await reference.registry.metrics());
    // prom-client adds `exemplar: null` to bucket values; exemplars are not used here.
    const withoutExemplars = (json: unknown): unknown =>
      JSON.parse(JSON.stringify(json, (key, value: unknown) => (key === 'exemplar' ? undefined : value)));
    expect(withoutExemplars(await registry.getMetricsAsJSON())).toEqual(withoutExemplars(await reference.registry.getMetricsAsJSON()));
  });

  it('a hot counter renders like a prom-client counter; an unlabelled one starts with a zero series; removed series disappear', async () => {
    const reference = createMetricsRegistry(
      { messagesIn: METRICS.rocketmq_messages_in_total, flushLatency: METRICS.rocketmq_storage_flush_latency_milliseconds },
      { collectDefaultMetrics: false, defaultLabels: NODE },
    );
    const registry = hotRegistry();
    const messagesIn = registerHotCounter(METRICS.rocketmq_messages_in_total, registry);
    registerHotHistogram(METRICS.rocketmq_storage_flush_latency_milliseconds, registry);
    for (const [topic, count] of [
      ['A', 3],
      ['B', 1],
      ['A', 2],
      ['Gone', 1],
    ] as const) {
      reference.metrics.messagesIn.labels(topic).inc(count);
      messagesIn.labels(topic).inc(count);
    }
    reference.metrics.messagesIn.remove('Gone');
    messagesIn.remove('Gone');
    expect(await registry.metrics()).toBe(await reference.registry.metrics());
  });

  it('refuses a definition of another type or a wrong number of label values', () => {
    expect(() => registerHotCounter(METRICS.rocketmq_send_latency_milliseconds, new Registry())).toThrow('not a counter');
    expect(() => registerHotHistogram(METRICS.rocketmq_messages_in_total, new Registry())).toThrow('not a histogram');
    expect(() => registerHotCounter(METRICS.rocketmq_messages_out_total, new Registry()).labels('only-topic')).toThrow(
      'takes 2 label values',
    );
  });
});
