import type { Logger } from '@rocketmq-ts/base';
import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface CreateLoggerOptions {
  /** The component or app, e.g. `namesrv`; written as `name` on every line. */
  readonly name: string;
  /** From config; defaults to `info`. */
  readonly level?: LogLevel;
  /** Where JSON lines go; stdout (fd 1) unless a spec captures them. */
  readonly destination?: DestinationStream;
}

/**
 * The process logger: pino, one JSON object per line on stdout, ISO timestamps, errors under
 * `err` serialised with their stack. The result satisfies base's Logger, so libs that take a
 * Logger never import pino; apps keep the pino type for Nest's logger bridge.
 */
export function createLogger(options: CreateLoggerOptions): PinoLogger & Logger {
  const level = options.level ?? 'info';
  if (!LOG_LEVELS.includes(level)) throw new RangeError(`unknown log level ${String(level)}; expected one of ${LOG_LEVELS.join(', ')}`);
  return pino(
    {
      name: options.name,
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Bindings such as pid/hostname are left to the container; keep lines short.
      base: undefined,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
