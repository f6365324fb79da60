import type { LoggerService } from '@nestjs/common';

import type { Logger } from '@rocketmq-ts/base';

/**
 * Routes Nest's own messages into our pino logger. Nest's boot chatter ("Mapped {/health, GET}",
 * "module dependencies initialized") goes to debug, so an info-level start is one line of ours.
 */
export class NestLoggerBridge implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.debug({ nestContext: context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ nestContext: context, trace }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ nestContext: context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ nestContext: context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.debug({ nestContext: context }, String(message));
  }
}
