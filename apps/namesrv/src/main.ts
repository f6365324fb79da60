import 'reflect-metadata';

import { exitOnFatalError, keyedPort, loadConfigForProcess, startOrExplainBindFailure } from '@rocketmq-ts/config';
import { createLogger } from '@rocketmq-ts/observability';

import { startNamesrv } from './bootstrap';
import { namesrvConfigSchema } from './config/namesrv-config.schema';
import { startEmbeddedController } from './embedded-controller';

const USAGE = `usage: mqnamesrv [-c <file>] [--<key>=<value> ...] [-p] [-h]
  -c <file>   load a properties file (RocketMQ namesrv.conf format)
  -p          print the effective configuration and exit
  -h          print this help and exit
  --key=value override one key, e.g. --listenPort=9876`;

/** The process entry: config, logger, Nest app, signals. Returns an exit code when it should not keep running. */
async function main(argv: readonly string[]): Promise<number | undefined> {
  const outcome = loadConfigForProcess(namesrvConfigSchema, { argv, usage: USAGE });
  if (outcome.kind === 'exit') return outcome.exitCode;
  const { loaded } = outcome;
  const { config } = loaded;
  const logger = createLogger({ name: 'namesrv', level: config.logLevel });
  exitOnFatalError(logger);
  for (const warning of loaded.warnings) logger.warn(warning);

  const ports = [keyedPort(namesrvConfigSchema, loaded, 'listenPort'), keyedPort(namesrvConfigSchema, loaded, 'httpPort')];
  const namesrv = await startOrExplainBindFailure(() => startNamesrv({ config, logger }), ports);
  if (namesrv === undefined) return 1;
  // The whole config on the one start line: nothing in it is secret, and it answers "what is it running with".
  // SIGTERM/SIGINT: stop accepting, drain, close sockets and HTTP, then exit 0.
  namesrv.app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  logger.info({ config, remotingPort: namesrv.remotingPort, httpPort: namesrv.httpPort }, 'namesrv started');
  if (config.enableControllerInNamesrv) {
    const controller = await startEmbeddedController(argv);
    if ('exitCode' in controller) {
      await namesrv.app.close();
      return controller.exitCode;
    }
    // The name server's shutdown hooks exit the process; close the controller (drain, log) first.
    process.once('SIGTERM', () => void controller.stop());
    process.once('SIGINT', () => void controller.stop());
  }
  process.stdout.write(
    `The Name Server boot success. serializeType=JSON, listening on ${config.bindAddress}:${namesrv.remotingPort}, http on ${config.bindAddress}:${namesrv.httpPort}\n`,
  );
  return undefined;
}

main(process.argv.slice(2)).then(
  (exitCode) => {
    if (exitCode !== undefined) process.exit(exitCode);
  },
  (error: unknown) => {
    process.stderr.write(`namesrv failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
