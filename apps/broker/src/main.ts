import 'reflect-metadata';

import { exitOnFatalError, keyedPort, loadConfigForProcess, startOrExplainBindFailure } from '@rocketmq-ts/config';
import { createLogger } from '@rocketmq-ts/observability';

import { startBroker } from './bootstrap';
import { brokerConfigSchema } from './config/broker-config.schema';
import type { BrokerConfig } from './config/broker-config.schema';
import { checkReplicationRole, fastListenPortOf, haListenPortOf } from './config/replication-role';

const USAGE = `usage: mqbroker [-c <file>] [-n <namesrvAddr>] [--<key>=<value> ...] [-p] [-h]
  -c <file>        load a properties file (RocketMQ broker.conf format)
  -n <addr;addr>   name server list (also --namesrvAddr or NAMESRV_ADDR)
  -p               print the effective configuration and exit
  -h               print this help and exit
  --key=value      override one key, e.g. --listenPort=10911`;

/** The process entry: config, logger, Nest app, signals. Returns an exit code when it should not keep running. */
async function main(argv: readonly string[]): Promise<number | undefined> {
  const outcome = loadConfigForProcess(brokerConfigSchema, { argv, usage: USAGE });
  if (outcome.kind === 'exit') return outcome.exitCode;
  const { loaded } = outcome;
  const role = checkReplicationRole(loaded.config);
  if (role.errors.length > 0) {
    process.stderr.write(['invalid configuration:', ...role.errors.map((error) => `  ${error}`), ''].join('\n'));
    return 1;
  }
  const { config } = role;
  const logger = createLogger({ name: 'broker', level: config.logLevel }).child({
    brokerName: config.brokerName,
    brokerId: config.brokerId,
  });
  exitOnFatalError(logger);
  for (const warning of [...loaded.warnings, ...role.warnings]) logger.warn(warning);

  const ha = config.haListenPort === 0 ? { derivedFrom: 'listenPort + 1' } : {};
  const ports = [
    keyedPort(brokerConfigSchema, loaded, 'listenPort'),
    { key: 'haListenPort', port: haListenPortOf(config, config.listenPort), ...ha },
    keyedPort(brokerConfigSchema, loaded, 'httpPort'),
    ...fastPortEntry(config),
  ];
  const broker = await startOrExplainBindFailure(() => startBroker({ config, logger }), ports);
  if (broker === undefined) return 1;
  // SIGTERM/SIGINT: unregister from the name servers, drain, flush metadata and the store, exit 0.
  broker.app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  logger.info({ config, remotingPort: broker.remotingPort, httpPort: broker.httpPort }, 'broker started');
  const namesrv = config.namesrvAddr === '' ? 'none' : config.namesrvAddr;
  process.stdout.write(
    `The broker[${config.brokerName}, ${config.brokerIP1}:${broker.remotingPort}] boot success. serializeType=JSON and name server is ${namesrv}, http on ${config.bindAddress}:${broker.httpPort}\n`,
  );
  return undefined;
}

function fastPortEntry(config: BrokerConfig): Array<{ key: string; port: number; derivedFrom?: string }> {
  const port = fastListenPortOf(config, config.listenPort);
  if (port === undefined) return [];
  return [{ key: 'fastListenPort', port, ...(config.fastListenPort === 0 ? { derivedFrom: 'listenPort - 2' } : {}) }];
}

main(process.argv.slice(2)).then(
  (exitCode) => {
    if (exitCode !== undefined) process.exit(exitCode);
  },
  (error: unknown) => {
    process.stderr.write(`broker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
