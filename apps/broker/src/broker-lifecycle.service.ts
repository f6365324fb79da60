import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';

import type { Logger } from '@rocketmq-ts/base';
import type { MessageStore } from '@rocketmq-ts/store';

import { BROKER_CONFIG, BROKER_LOGGER, MESSAGE_STORE } from './broker.tokens';
import { ClientHousekeeper } from './clients/client-housekeeper';
import type { BrokerConfig } from './config/broker-config.schema';
import { BrokerReplication } from './ha/broker-replication';
import { SlaveSynchronize } from './ha/slave-synchronize';
import { NamesrvRegistrar } from './registration/namesrv-registrar';
import { SubscriptionGroupManager } from './subscriptions/subscription-group-manager';
import { TopicConfigManager } from './topics/topic-config-manager';

/**
 * Starts and stops the plain-TS parts that own timers or files, so the managers need no Nest
 * hooks. Boot: the client expiry scan, replication (a master's HA port must answer before it is
 * advertised), then the first REGISTER_BROKER (remoting already listens: RemotingServerService
 * bootstraps first, being imported first). Shutdown: UNREGISTER_BROKER while the server still
 * drains (before), then replication stops, metadata writes land and the store flushes (on).
 */
@Injectable()
export class BrokerLifecycleService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly topics: TopicConfigManager,
    private readonly groups: SubscriptionGroupManager,
    private readonly housekeeper: ClientHousekeeper,
    private readonly registrar: NamesrvRegistrar,
    private readonly replication: BrokerReplication,
    private readonly slaveSync: SlaveSynchronize,
    @Inject(BROKER_CONFIG) private readonly config: BrokerConfig,
    @Inject(MESSAGE_STORE) private readonly store: MessageStore,
    @Inject(BROKER_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.housekeeper.start();
    await this.replication.start(this.config.listenPort);
    if (this.replication.isSlave) this.slaveSync.start();
    this.registrar.start();
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.info({ signal }, 'broker shutting down');
    this.housekeeper.stop();
    await this.registrar.shutdown();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.slaveSync.stop(), this.replication.stop()]);
    await Promise.all([this.topics.flushed(), this.groups.flushed()]);
    await this.store.shutdown();
  }
}
