// The `enableMetrics` switch: on by default, read from a broker.conf or the command line, checked
// by the schema, and carried into the metrics options with the node labels.
import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '@rocketmq-ts/config';

import { brokerConfigSchema } from '../config/broker-config.schema';
import { brokerMetricsOptions, createBrokerMetrics } from './broker-metrics';

describe('Broker > metrics > enableMetrics config', () => {
  it('defaults to on', () => {
    expect(brokerConfigSchema.defaults().enableMetrics).toBe(true);
    expect(loadConfig(brokerConfigSchema, { argv: [], env: {} }).config.enableMetrics).toBe(true);
  });

  it('is turned off from a broker.conf or the command line', () => {
    const fromFile = loadConfig(brokerConfigSchema, {
      argv: ['-c', 'broker.conf'],
      env: {},
      readFile: () => 'brokerName=b1\nenableMetrics=false\n',
    });
    expect(fromFile.config.enableMetrics).toBe(false);
    expect(fromFile.warnings).toEqual([]);
    expect(loadConfig(brokerConfigSchema, { argv: ['--enableMetrics=false'], env: {} }).config.enableMetrics).toBe(false);
  });

  it('refuses a value that is not a boolean', () => {
    expect(() => loadConfig(brokerConfigSchema, { argv: ['--enableMetrics=sometimes'], env: {} })).toThrow(ConfigError);
  });

  it('becomes the metrics options, with cluster, node type and broker name as node labels', () => {
    const config = { ...brokerConfigSchema.defaults(), brokerClusterName: 'C1', brokerName: 'b1', enableMetrics: false };
    expect(brokerMetricsOptions({ config, collectDefaultMetrics: false })).toEqual({
      collectDefaultMetrics: false,
      enabled: false,
      nodeLabels: { cluster: 'C1', node_type: 'broker', node_id: 'b1' },
    });
  });

  it('off: no hot-path metric is registered and the request hook does nothing', async () => {
    const metrics = createBrokerMetrics({ collectDefaultMetrics: false, enabled: false });
    expect(metrics.enabled).toBe(false);
    expect(metrics.hot).toBeUndefined();
    expect(metrics.requestHook).toEqual({});
    metrics.sendFailure(13);
    const text = await metrics.metricsRegistry.registry.metrics();
    for (const name of [
      'rocketmq_messages_in_total',
      'rocketmq_send_latency_milliseconds',
      'rocketmq_send_failures_total',
      'rocketmq_remoting_requests_total',
      'rocketmq_broker_connections',
    ]) {
      expect(text).not.toContain(name);
    }
    expect(text).toContain('rocketmq_broker_topics');
  });
});
