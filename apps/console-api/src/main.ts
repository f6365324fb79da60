import 'reflect-metadata';

import { join } from 'node:path';

import { errorMessage } from '@rocketmq-ts/base';
import { exitOnFatalError, loadConfigForProcess } from '@rocketmq-ts/config';
import { createLogger } from '@rocketmq-ts/observability';

import { hashPasswordCommand } from './auth/hash-password-command';
import { startConsole } from './bootstrap';
import { checkConsoleConfig, consoleConfigSchema } from './config/console-config.schema';

const USAGE = `usage: console-api [-c <file>] [--<key>=<value> ...] [-p] [-h]
       console-api hash-password        (reads a password on stdin, prints its scrypt hash for usersFile)
  -c <file>   load a properties file
  -p          print the effective configuration and exit
  -h          print this help and exit
  --key=value override one key, e.g. --namesrvAddr=127.0.0.1:9876 --httpPort=8082 --usersFile=conf/console-users.json
Every key can also be set through its environment variable (NAMESRV_ADDR, CONSOLE_HTTP_PORT, CONSOLE_USERS_FILE, ...; see -p).`;

/** The process entry: config, logger, Nest app, signals. Returns an exit code when it should not keep running. */
async function main(argv: readonly string[]): Promise<number | undefined> {
  if (argv[0] === 'hash-password') return hashPasswordCommand();
  const outcome = loadConfigForProcess(consoleConfigSchema, { argv, usage: USAGE });
  if (outcome.kind === 'exit') return outcome.exitCode;
  const { config } = outcome.loaded;
  const problems = checkConsoleConfig(config);
  if (problems.length > 0) {
    for (const problem of problems) process.stderr.write(`console-api: ${problem}\n`);
    return 2;
  }
  const logger = createLogger({ name: 'console-api', level: config.logLevel });
  exitOnFatalError(logger);
  for (const warning of outcome.loaded.warnings) logger.warn(warning);
  // From source (bin/console-api) the workspace is three levels up; a bundle finds its UI next to it.
  const console = await startConsole({ config, logger, workspaceRoot: join(__dirname, '..', '..', '..') });
  console.app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  const url = `http://${config.bindAddress === '0.0.0.0' ? '127.0.0.1' : config.bindAddress}:${console.httpPort}/`;
  logger.info(
    {
      namesrvAddr: config.namesrvAddr,
      httpPort: console.httpPort,
      webRoot: console.webRoot,
      login: config.authDisabled ? 'disabled' : 'on',
    },
    'console-api started',
  );
  process.stdout.write(
    `The console boot success. namesrvAddr=${config.namesrvAddr}, console on ${url} (API docs ${url}api/docs), login ${config.authDisabled ? 'disabled' : 'on'}\n`,
  );
  return undefined;
}

main(process.argv.slice(2)).then(
  (exitCode) => {
    if (exitCode !== undefined) process.exit(exitCode);
  },
  (error: unknown) => {
    process.stderr.write(`console-api failed to start: ${errorMessage(error)}\n`);
    process.exit(1);
  },
);
