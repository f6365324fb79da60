// The exporter's defaults match rocketmq-exporter's (port 5557, a 127.0.0.1:9876 name server) with a
// 15 s round, every key has an environment variable, and namesrvAddr splits like RocketMQ's.
import { describe, expect, it } from 'vitest';

import { loadConfig } from '@rocketmq-ts/config';

import { exporterConfigSchema, namesrvAddresses } from './exporter-config.schema';

describe('Exporter > config schema', () => {
  it('defaults to port 5557, a local name server and a 15 s interval', () => {
    const { config } = loadConfig(exporterConfigSchema, { argv: [], env: {} });
    expect(config).toMatchObject({
      httpPort: 5557,
      namesrvAddr: '127.0.0.1:9876',
      collectIntervalMillis: 15_000,
      requestTimeoutMillis: 3000,
    });
  });

  it('reads every key from its environment variable', () => {
    for (const [key, field] of Object.entries(exporterConfigSchema.fields)) expect(field.env, key).toMatch(/^[A-Z_]+$/);
    const { config } = loadConfig(exporterConfigSchema, {
      argv: [],
      env: { NAMESRV_ADDR: 'a:1; b:2', EXPORTER_COLLECT_INTERVAL_MILLIS: '5000' },
    });
    expect(namesrvAddresses(config)).toEqual(['a:1', 'b:2']);
    expect(config.collectIntervalMillis).toBe(5000);
  });
});
