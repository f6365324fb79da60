import { splitAddressList } from '@rocketmq-ts/base';
import { type ConfigOf, defineConfigSchema, duration, int, oneOf, port, string } from '@rocketmq-ts/config';

/**
 * The exporter's configuration. Every key has an environment variable (containers configure it
 * that way; rocketmq-exporter issue #185), and may also come from a properties file or `--key=value`.
 *
 * Port 5557 is rocketmq-exporter's `server.port`, so scrape configs written for it work unchanged;
 * it clashes with a RocketMQ 5 broker's built-in Prometheus port, which ours does not open.
 */
export const exporterConfigSchema = defineConfigSchema({
  namesrvAddr: string('127.0.0.1:9876', { nonEmpty: true, env: 'NAMESRV_ADDR', description: 'name servers, `host:port;host:port`' }),
  httpPort: port(5557, { env: 'EXPORTER_HTTP_PORT', description: 'HTTP port for /metrics and /health' }),
  bindAddress: string('0.0.0.0', { nonEmpty: true, env: 'EXPORTER_BIND_ADDRESS', description: 'HTTP bind address' }),
  collectIntervalMillis: duration(15_000, {
    minMs: 1000,
    maxMs: 3_600_000,
    env: 'EXPORTER_COLLECT_INTERVAL_MILLIS',
    description: 'time between collection rounds (ms)',
  }),
  requestTimeoutMillis: duration(3000, {
    minMs: 100,
    maxMs: 60_000,
    env: 'EXPORTER_REQUEST_TIMEOUT_MILLIS',
    description: 'timeout of each admin request (ms)',
  }),
  maxConcurrentRequests: int(8, {
    min: 1,
    max: 256,
    env: 'EXPORTER_MAX_CONCURRENT_REQUESTS',
    description: 'admin requests in flight at once, all targets together',
  }),
  maxTopicsPerBroker: int(5000, {
    min: 1,
    max: 1_000_000,
    env: 'EXPORTER_MAX_TOPICS_PER_BROKER',
    description: 'topics collected per broker; the rest are skipped with a warning',
  }),
  maxGroupsPerBroker: int(5000, {
    min: 1,
    max: 1_000_000,
    env: 'EXPORTER_MAX_GROUPS_PER_BROKER',
    description: 'consumer groups collected per broker; the rest are skipped with a warning',
  }),
  forgetBrokerAfterMillis: duration(600_000, {
    minMs: 0,
    maxMs: 86_400_000,
    env: 'EXPORTER_FORGET_BROKER_AFTER_MILLIS',
    description: 'keep reporting a broker the name servers no longer list as down for this long (ms)',
  }),
  accessKey: string('', {
    env: 'EXPORTER_ACCESS_KEY',
    description: 'ACL access key the admin requests are signed with (docs/security.md#our-client); empty = unsigned',
  }),
  secretKey: string('', { env: 'EXPORTER_SECRET_KEY', description: 'secret of accessKey' }),
  logLevel: oneOf(['trace', 'debug', 'info', 'warn', 'error', 'fatal'], 'info', { env: 'EXPORTER_LOG_LEVEL', description: 'pino level' }),
});

export type ExporterConfig = ConfigOf<(typeof exporterConfigSchema)['fields']>;

/** `a:1;b:2` → `['a:1', 'b:2']`, as RocketMQ splits namesrvAddr. */
export function namesrvAddresses(config: Pick<ExporterConfig, 'namesrvAddr'>): string[] {
  return splitAddressList(config.namesrvAddr);
}

/** The ACL credentials of accessKey/secretKey, or undefined when either is empty. */
export function exporterCredentials(
  config: Pick<ExporterConfig, 'accessKey' | 'secretKey'>,
): { accessKey: string; secretKey: string } | undefined {
  return config.accessKey !== '' && config.secretKey !== '' ? { accessKey: config.accessKey, secretKey: config.secretKey } : undefined;
}
