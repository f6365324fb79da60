import 'reflect-metadata';

import { exitOnFatalError, loadConfigForProcess } from '@rocketmq-ts/config';
import { createLogger } from '@rocketmq-ts/observability';

import { startExporter } from './bootstrap';
import { exporterConfigSchema } from './config/exporter-config.schema';

const USAGE = `usage: mqexporter [-c <file>] [--<key>=<value> ...] [-p] [-h]
  -c <file>   load a properties file
  -p          print the effective configuration and exit
  -h          print this help and exit
  --key=value override one key, e.g. --namesrvAddr=127.0.0.1:9876 --httpPort=5557
Every key can also be set through its environment variable (NAMESRV_ADDR, EXPORTER_HTTP_PORT, ...; see -p).`;

/** The process entry: config, logger, Nest app, signals. Returns an exit code when it should not keep running. */
async function main(argv: readonly string[]): Promise<number | undefined> {
  const outcome = loadConfigForProcess(exporterConfigSchema, { argv, usage: USAGE });
  if (outcome.kind === 'exit') return outcome.exitCode;
  const { config } = outcome.loaded;
  const logger = createLogger({ name: 'exporter', level: config.logLevel });
  exitOnFatalError(logger);
  for (const warning of outcome.loaded.warnings) logger.warn(warning);

  const exporter = await startExporter({ config, logger });
  exporter.app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  logger.info({ config, httpPort: exporter.httpPort }, 'exporter started');
  process.stdout.write(
    `The exporter boot success. namesrvAddr=${config.namesrvAddr}, metrics on http://${config.bindAddress}:${exporter.httpPort}/metrics\n`,
  );
  return undefined;
}

main(process.argv.slice(2)).then(
  (exitCode) => {
    if (exitCode !== undefined) process.exit(exitCode);
  },
  (error: unknown) => {
    process.stderr.write(`exporter failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
