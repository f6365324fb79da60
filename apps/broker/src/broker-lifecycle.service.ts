import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';

import type { Logger } from '@rocketmq-ts/base';
import type { MessageStore } from '@rocketmq-ts/store';

import { BROKER_LOGGER, MESSAGE_STORE } from './broker.tokens';
import { TopicConfigManager } from './topics/topic-config-manager';

/**
 * Stops the plain-TS parts that own files, so the managers need no Nest hooks. Order at
 * shutdown: the remoting server drains first (beforeApplicationShutdown of RemotingServerService),
 * then metadata writes land and the store flushes and writes its checkpoint (onApplicationShutdown).
 */
@Injectable()
export class BrokerLifecycleService implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly topics: TopicConfigManager,
    @Inject(MESSAGE_STORE) private readonly store: MessageStore,
    @Inject(BROKER_LOGGER) private readonly logger: Logger,
  ) {}

  beforeApplicationShutdown(signal?: string): void {
    this.logger.info({ signal }, 'broker shutting down');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.topics.flushed();
    await this.store.shutdown();
  }
}
