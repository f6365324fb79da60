import 'reflect-metadata';

import { runControllerProcess } from './controller-process';

runControllerProcess(process.argv.slice(2)).then(
  (outcome) => {
    if (outcome.kind === 'exit') process.exit(outcome.exitCode);
    // SIGTERM/SIGINT: stop accepting, drain, close the log, then exit 0.
    outcome.controller.app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  },
  (error: unknown) => {
    process.stderr.write(`controller failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
