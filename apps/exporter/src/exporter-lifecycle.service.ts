import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';

import type { Logger } from '@rocketmq-ts/base';

import { CollectionScheduler } from './collect/collection-scheduler';
import { EXPORTER_LOGGER } from './exporter.tokens';

/**
 * Starts collecting once the app is up, and stops (timer, sockets) before it closes. Collection
 * never gates the boot: with every name server down the exporter still serves /metrics, saying so.
 */
@Injectable()
export class ExporterLifecycleService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly scheduler: CollectionScheduler,
    @Inject(EXPORTER_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.start();
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.info({ signal }, 'exporter shutting down');
    await this.scheduler.stop();
  }
}
