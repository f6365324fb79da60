import { bool, type ConfigOf, defineConfigSchema, duration, int, oneOf, port, string } from '@rocketmq-ts/config';

/**
 * console-api's configuration (docs/console.md#configuration). Every key has an environment
 * variable, and may come from a properties file or `--key=value`; checked at start, one clear
 * message per bad key.
 *
 * Port 8082 is rocketmq-dashboard's default, so bookmarks and proxies written for it keep working.
 * Login is on unless `authDisabled=true`, and that is only accepted on a loopback bind address
 * (checked in checkConsoleConfig): an open console on a network interface is never a default.
 */
export const consoleConfigSchema = defineConfigSchema({
  namesrvAddr: string('127.0.0.1:9876', { nonEmpty: true, env: 'NAMESRV_ADDR', description: 'name servers, `host:port;host:port`' }),
  httpPort: port(8082, {
    ephemeral: true,
    env: 'CONSOLE_HTTP_PORT',
    description: 'HTTP port of the API and the web UI (0 = any free port)',
  }),
  bindAddress: string('127.0.0.1', { nonEmpty: true, env: 'CONSOLE_BIND_ADDRESS', description: 'HTTP bind address' }),
  usersFile: string('', {
    env: 'CONSOLE_USERS_FILE',
    description: 'JSON file of accounts with scrypt password hashes (see `bin/console-api hash-password`)',
  }),
  authDisabled: bool(false, { env: 'CONSOLE_AUTH_DISABLED', description: 'no login, everyone is admin; only with a loopback bindAddress' }),
  sessionTtlMillis: duration(8 * 3_600_000, {
    minMs: 60_000,
    maxMs: 7 * 86_400_000,
    env: 'CONSOLE_SESSION_TTL_MILLIS',
    description: 'idle time after which a session ends (ms)',
  }),
  secureCookies: bool(false, {
    env: 'CONSOLE_SECURE_COOKIES',
    description: 'mark cookies Secure (set when served over HTTPS, e.g. behind a TLS proxy)',
  }),
  webRoot: string('', {
    env: 'CONSOLE_WEB_ROOT',
    description: 'directory of the built web UI; empty = dist/apps/console-web when present',
  }),
  requestTimeoutMillis: duration(5000, {
    minMs: 100,
    maxMs: 60_000,
    env: 'CONSOLE_REQUEST_TIMEOUT_MILLIS',
    description: 'timeout of each admin request (ms)',
  }),
  sampleIntervalMillis: duration(5000, {
    minMs: 1000,
    maxMs: 600_000,
    env: 'CONSOLE_SAMPLE_INTERVAL_MILLIS',
    description: 'time between chart samples of broker TPS and group lag (ms)',
  }),
  sampleHistory: int(360, { min: 10, max: 10_000, env: 'CONSOLE_SAMPLE_HISTORY', description: 'chart samples kept per series' }),
  logLevel: oneOf(['trace', 'debug', 'info', 'warn', 'error', 'fatal'], 'info', { env: 'CONSOLE_LOG_LEVEL', description: 'pino level' }),
});

export type ConsoleConfig = ConfigOf<(typeof consoleConfigSchema)['fields']>;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Cross-key rules the per-key validators cannot express; the messages name the keys. */
export function checkConsoleConfig(config: ConsoleConfig): string[] {
  const problems: string[] = [];
  if (config.authDisabled && !LOOPBACK.has(config.bindAddress)) {
    problems.push(`authDisabled=true is only allowed with a loopback bindAddress (got ${config.bindAddress}); give a usersFile instead`);
  }
  if (!config.authDisabled && config.usersFile === '') {
    problems.push(
      'usersFile is required (accounts with scrypt hashes; `bin/console-api hash-password` makes one), or set authDisabled=true for local use',
    );
  }
  return problems;
}
