import { createLogger, LOG_LEVELS, type LogLevel } from '@rocketmq-ts/observability';
import { pino } from 'pino';

import { type BenchOptions, parseBenchArgs } from './cli/bench-options';
import { UsageError } from '@rocketmq-ts/config';
import { runConsumerBench } from './consumer/consumer-bench';
import { runProducerBench } from './producer/producer-bench';
import type { BenchSummary } from './report/summary';
import type { BenchIo } from './run/bench-io';

/**
 * `bin/mqbench producer|consumer [options]`. Figures go to stdout (the `--json` summary is the last
 * line); client warnings go to stderr as pino JSON (level from MQBENCH_LOG_LEVEL, default warn).
 */
async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  try {
    const outcome = parseBenchArgs(argv, process.env);
    if (outcome.kind === 'help') {
      process.stdout.write(`${outcome.text}\n`);
      return 0;
    }
    options = outcome.options;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`mqbench: ${error.message}\n(mqbench -h lists the options)\n`);
    return 1;
  }
  const io: BenchIo = {
    print: (line) => process.stdout.write(`${line}\n`),
    logger: createLogger({
      name: 'mqbench',
      level: logLevel(process.env['MQBENCH_LOG_LEVEL']),
      destination: pino.destination({ dest: 2, sync: true }),
    }),
  };
  const summary: BenchSummary = options.mode === 'producer' ? await runProducerBench(options, io) : await runConsumerBench(options, io);
  if (options.json) io.print(JSON.stringify(summary));
  return 0;
}

function logLevel(value: string | undefined): LogLevel {
  return LOG_LEVELS.find((level) => level === value) ?? 'warn';
}

main(process.argv.slice(2)).then(
  (exitCode) => {
    // Leave on our own once the client has closed every socket and timer; if something still holds
    // the event loop, say so and exit rather than hang a script that waits for us.
    process.exitCode = exitCode;
    setTimeout(() => {
      process.stderr.write('mqbench: handles still open 5 s after the run ended; exiting anyway\n');
      process.exit(exitCode);
    }, 5_000).unref();
  },
  (error: unknown) => {
    process.stderr.write(`mqbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
