/**
 * What a server process does with an error nothing else handled (docs/architecture.md#invariants-and-assertions):
 * log it at fatal and exit 1, as Node would without a handler, but through the process's pino
 * logger so the line lands where operators read the rest. An InvariantViolation says which
 * invariant broke (`invariant violated: commit-log.synchronous-append`): the store or the
 * replication state is no longer what the code assumes, and serving on could hand out or
 * acknowledge wrong data. Rejections that nobody handles arrive here too (Node raises them as
 * uncaught exceptions when no 'unhandledRejection' listener exists), which is how a violation
 * escapes a background loop of the store or HA.
 *
 * One call per process, once its logger exists; the embedded controller of a name server shares
 * the name server's.
 */
import { describeError, InvariantViolation, type LogFn } from '@rocketmq-ts/base';

export interface FatalLogger {
  readonly fatal: LogFn;
}

/** The exit status after a fatal error: Node's own for an uncaught exception. */
export const FATAL_EXIT_CODE = 1;

export function exitOnFatalError(logger: FatalLogger): void {
  process.on('uncaughtException', (error: unknown, origin: string) => {
    logFatal(logger, error, origin);
    process.exit(FATAL_EXIT_CODE);
  });
}

/** The fatal line: the invariant's name first when one broke, else what was thrown and how it escaped. */
export function logFatal(logger: FatalLogger, error: unknown, origin: string): void {
  if (error instanceof InvariantViolation)
    logger.fatal({ err: error, invariant: error.invariant, origin }, `invariant violated: ${error.invariant}`);
  else logger.fatal({ err: error, origin }, `${origin}: ${describeError(error)}`);
}
