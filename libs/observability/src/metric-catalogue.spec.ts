// The catalogue is the contract with dashboards and the exporter: every entry must be a valid,
// unique Prometheus name in RocketMQ style, with units in the name and sane histogram buckets.
import { describe, expect, it } from 'vitest';

import { LATENCY_BUCKETS_MS, METRIC_DEFINITIONS } from './metric-catalogue';

const PROMETHEUS_NAME = /^[a-z_][a-z0-9_]*$/;
const UNIT_SUFFIX = /_(milliseconds|seconds|bytes|total|ratio|count)$/;

describe('Observability > metric catalogue', () => {
  it('holds the metrics the namesrv needs', () => {
    expect(METRIC_DEFINITIONS.map((definition) => definition.name)).toEqual(
      expect.arrayContaining([
        'rocketmq_namesrv_brokers_registered',
        'rocketmq_namesrv_topics',
        'rocketmq_remoting_requests_total',
        'rocketmq_remoting_request_latency_milliseconds',
      ]),
    );
  });

  it.each(METRIC_DEFINITIONS.map((definition) => [definition.name, definition] as const))('%s follows the naming rules', (_name, definition) => {
    expect(definition.name).toMatch(PROMETHEUS_NAME);
    expect(definition.name.startsWith('rocketmq_')).toBe(true);
    expect(definition.help.length).toBeGreaterThan(10);
    for (const label of definition.labelNames) expect(label).toMatch(PROMETHEUS_NAME);
    if (definition.type === 'counter') expect(definition.name.endsWith('_total')).toBe(true);
    if (definition.type === 'histogram') {
      expect(definition.name).toMatch(UNIT_SUFFIX);
      expect(definition.buckets?.length).toBeGreaterThan(3);
    }
  });

  it('has unique names and strictly ascending latency buckets spanning 0.1 ms to 5 s', () => {
    const names = METRIC_DEFINITIONS.map((definition) => definition.name);
    expect(new Set(names).size).toBe(names.length);
    expect(LATENCY_BUCKETS_MS[0]).toBe(0.1);
    expect(LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1]).toBe(5_000);
    for (let index = 1; index < LATENCY_BUCKETS_MS.length; index++) {
      expect(LATENCY_BUCKETS_MS[index]).toBeGreaterThan(LATENCY_BUCKETS_MS[index - 1] as number);
    }
  });
});
