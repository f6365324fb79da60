// createMetricsRegistry builds an isolated registry from catalogue entries with typed accessors,
// leaves catalogue names untouched, and prefixes only the default process metrics.
import { register as globalRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';

import { METRIC_CATALOGUE, METRIC_DEFINITIONS, METRICS } from './metric-catalogue';
import { createMetricsRegistry } from './metrics-registry';

describe('Observability > createMetricsRegistry', () => {
  it('exposes typed accessors that render under the catalogue names', async () => {
    const { registry, metrics } = createMetricsRegistry(
      { namesrvTopics: METRIC_CATALOGUE.namesrvTopics, remotingRequestsTotal: METRIC_CATALOGUE.remotingRequestsTotal },
      { collectDefaultMetrics: false },
    );
    metrics.namesrvTopics.set(3);
    metrics.remotingRequestsTotal.labels({ code: '105', response_code: '0' }).inc(2);
    const text = await registry.metrics();
    expect(text).toContain('rocketmq_namesrv_topics 3');
    expect(text).toContain('rocketmq_remoting_requests_total{code="105",response_code="0"} 2');
    expect(await globalRegistry.getSingleMetricAsString('rocketmq_namesrv_topics').catch(() => 'absent')).toBe('absent');
  });

  it('gives histograms their catalogue buckets', async () => {
    const { registry, metrics } = createMetricsRegistry(
      { latency: METRIC_CATALOGUE.remotingRequestLatencyMilliseconds },
      { collectDefaultMetrics: false },
    );
    metrics.latency.labels('105').observe(0.3);
    const text = await registry.metrics();
    expect(text).toContain('rocketmq_remoting_request_latency_milliseconds_bucket{le="0.25",code="105"} 0');
    expect(text).toContain('rocketmq_remoting_request_latency_milliseconds_bucket{le="0.5",code="105"} 1');
    expect(text).toContain('rocketmq_remoting_request_latency_milliseconds_bucket{le="5000",code="105"} 1');
  });

  it('collects default process metrics under the prefix when asked', async () => {
    const { registry } = createMetricsRegistry(
      { namesrvTopics: METRIC_CATALOGUE.namesrvTopics },
      { collectDefaultMetrics: true, prefix: 'rocketmq_namesrv_' },
    );
    const names = (await registry.getMetricsAsJSON()).map((metric) => metric.name);
    expect(names).toContain('rocketmq_namesrv_process_cpu_seconds_total');
    expect(names).toContain('rocketmq_namesrv_topics');
    expect(names).not.toContain('process_cpu_seconds_total');
  });

  it('produces every runtime metric the catalogue names, so dashboards can rely on them', async () => {
    const { registry } = createMetricsRegistry({}, { collectDefaultMetrics: true });
    const names = new Set((await registry.getMetricsAsJSON()).map((metric) => metric.name));
    const runtime = METRIC_DEFINITIONS.filter((definition) => definition.createdBy === 'prom-client-defaults');
    expect(runtime.length).toBeGreaterThan(5);
    for (const definition of runtime) expect(names, definition.name).toContain(definition.name);
  });

  it('refuses to register a runtime metric by hand and stamps default labels on every series', async () => {
    expect(() => createMetricsRegistry({ heap: METRICS.nodejs_heap_size_used_bytes }, { collectDefaultMetrics: false })).toThrow(
      'created by prom-client-defaults',
    );
    const { registry, metrics } = createMetricsRegistry(
      { topics: METRIC_CATALOGUE.brokerTopics },
      { collectDefaultMetrics: true, defaultLabels: { cluster: 'C', node_type: 'broker', node_id: 'b-a' } },
    );
    metrics.topics.set(2);
    const text = await registry.metrics();
    expect(text).toContain('rocketmq_broker_topics{cluster="C",node_type="broker",node_id="b-a"} 2');
    expect(text).toMatch(/nodejs_heap_size_used_bytes\{cluster="C",node_type="broker",node_id="b-a"\} \d/);
  });
});
