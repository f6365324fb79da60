import { pino } from 'pino';

import { createLogger, LOG_LEVELS, type LogLevel } from '@rocketmq-ts/observability';

import { OptionsError, validateScenarioOptions } from './config/validate-options';
import { parseCliArgs, USAGE, UsageError } from './run/cli-args';
import { loadScenario } from './run/load-scenario';
import { runScenario } from './run/runner';

/** k6's exit codes: a crossed threshold is 99, invalid options 104. */
const EXIT_THRESHOLDS = 99;
const EXIT_BAD_OPTIONS = 104;

/**
 * `bin/loadtest <scenario> [options]`: progress and the summary to stdout, client warnings to
 * stderr as pino JSON (level from LOADTEST_LOG_LEVEL, default error).
 */
async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseCliArgs(argv, process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`loadtest: ${error.message}\n${USAGE}\n`);
    return EXIT_BAD_OPTIONS;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let scenario;
  let options;
  try {
    scenario = loadScenario(args.scenario);
    options = validateScenarioOptions(scenario.options, `${scenario.name}.options`);
  } catch (error) {
    process.stderr.write(`loadtest: ${(error as Error).message}\n`);
    return error instanceof OptionsError ? EXIT_BAD_OPTIONS : 1;
  }
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  const summary = await runScenario({
    name: scenario.name,
    options,
    iteration: scenario.iteration,
    args,
    logger: createLogger({
      name: 'loadtest',
      level: logLevel(process.env['LOADTEST_LOG_LEVEL']),
      destination: pino.destination({ dest: 2, sync: true }),
    }),
    print: (line) => process.stdout.write(`${line}\n`),
    signal: stop.signal,
  });
  return summary.passed ? 0 : EXIT_THRESHOLDS;
}

function logLevel(value: string | undefined): LogLevel {
  return LOG_LEVELS.find((level) => level === value) ?? 'error';
}

main(process.argv.slice(2)).then(
  (exitCode) => {
    process.exitCode = exitCode;
    // Leave once the clients closed their sockets; if a handle still holds the loop, do not hang the caller.
    setTimeout(() => process.exit(exitCode), 5_000).unref();
  },
  (error: unknown) => {
    process.stderr.write(`loadtest failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
