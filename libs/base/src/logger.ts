/**
 * The logging surface libs depend on. It is the subset of pino's API we use, so a pino logger
 * satisfies it as-is, while libs such as remoting and store stay free of the pino dependency.
 */
export interface LogFn {
  (message: string): void;
  (fields: Record<string, unknown>, message?: string): void;
}

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
  isLevelEnabled?(level: string): boolean;
}

const noop: LogFn = () => undefined;

/** A logger that drops everything: for unit tests and tools that print their own output. */
export const silentLogger: Logger = {
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => silentLogger,
};
