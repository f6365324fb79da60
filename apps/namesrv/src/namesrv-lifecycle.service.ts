import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';

import type { Logger } from '@rocketmq-ts/base';

import { KvConfigManager } from './kvconfig/kv-config-manager';
import { NAMESRV_LOGGER } from './namesrv.tokens';
import { BrokerHousekeeper } from './routeinfo/broker-housekeeper';

/**
 * Starts and stops the plain-TS services that own timers or files, so the managers themselves
 * need no Nest hooks: the liveness scan runs while the app is up, and pending KV writes land
 * before the process exits.
 */
@Injectable()
export class NamesrvLifecycleService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly housekeeper: BrokerHousekeeper,
    private readonly kvConfig: KvConfigManager,
    @Inject(NAMESRV_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.housekeeper.start();
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.info({ signal }, 'namesrv shutting down');
    this.housekeeper.stop();
    await this.kvConfig.flushed();
  }
}
