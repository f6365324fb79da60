import type { Logger } from '@rocketmq-ts/base';

/** Where a benchmark run writes: figures to stdout, client diagnostics to the logger (stderr). */
export interface BenchIo {
  /** Prints one line to stdout; the newline is added. */
  readonly print: (line: string) => void;
  readonly logger: Logger;
}
