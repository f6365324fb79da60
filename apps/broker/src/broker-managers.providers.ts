import { join } from 'node:path';

import type { Provider } from '@nestjs/common';

import type { Clock, Logger, Timers } from '@rocketmq-ts/base';
import { splitAddressList } from '@rocketmq-ts/base';
import { RemotingClient } from '@rocketmq-ts/remoting';
import type { StoreConfig } from '@rocketmq-ts/store';
import { injectNamed } from '@rocketmq-ts/nest-remoting';

import { BROKER_CLOCK, BROKER_CONFIG, BROKER_IDENTITY, BROKER_LOGGER, BROKER_TIMERS, STORE_CONFIG } from './broker.tokens';
import { ClientHousekeeper } from './clients/client-housekeeper';
import { ConsumerIdsChangeNotifier } from './clients/consumer-ids-change-notifier';
import { ConsumerManager } from './clients/consumer-manager';
import { ProducerManager } from './clients/producer-manager';
import type { BrokerConfig } from './config/broker-config.schema';
import type { BrokerIdentity } from './config/broker-identity';
import { AtomicMetadataFile } from './persistence/metadata-file';
import { NamesrvRegistrar } from './registration/namesrv-registrar';
import { SubscriptionGroupManager } from './subscriptions/subscription-group-manager';
import { TopicConfigManager } from './topics/topic-config-manager';
import { controlledRegistration } from './controller/controlled-registration';
import { BrokerReplication } from './ha/broker-replication';
import { brokerClientSecurity } from './acl/broker-client-security';

interface NamesrvRegistrarDeps {
  readonly config: BrokerConfig;
  readonly identity: BrokerIdentity;
  readonly topics: TopicConfigManager;
  readonly replication: BrokerReplication;
  readonly logger: Logger;
  readonly timers: Timers;
}

const namesrvRegistrarTokens = {
  config: BROKER_CONFIG,
  identity: BROKER_IDENTITY,
  topics: TopicConfigManager,
  replication: BrokerReplication,
  logger: BROKER_LOGGER,
  timers: BROKER_TIMERS,
};

/**
 * Client, group and registration managers: plain classes built with useFactory (docs/architecture.md).
 * The topic manager and the store are built in broker.module.ts.
 */
export const brokerManagerProviders: Provider[] = [
  {
    provide: SubscriptionGroupManager,
    inject: [BROKER_CONFIG, STORE_CONFIG, BROKER_CLOCK, BROKER_LOGGER],
    useFactory: async (config: BrokerConfig, storeConfig: StoreConfig, clock: Clock, logger: Logger) => {
      const manager = new SubscriptionGroupManager({
        file: new AtomicMetadataFile(join(storeConfig.storePathConfig, 'subscriptionGroup.json')),
        clock,
        autoCreateSubscriptionGroup: config.autoCreateSubscriptionGroup,
        defaultRetryMaxTimes: config.maxReconsumeTimes,
        logger: logger.child({ component: 'subscription-group' }),
      });
      await manager.load();
      return manager;
    },
  },
  {
    provide: ProducerManager,
    inject: [BROKER_CONFIG, BROKER_LOGGER],
    useFactory: (config: BrokerConfig, logger: Logger) =>
      new ProducerManager(config.channelExpiredTimeout, logger.child({ component: 'producer-manager' })),
  },
  {
    provide: ConsumerManager,
    inject: [BROKER_CONFIG, BROKER_LOGGER, SubscriptionGroupManager],
    useFactory: (config: BrokerConfig, logger: Logger, groups: SubscriptionGroupManager) => {
      const manager = new ConsumerManager(config.channelExpiredTimeout, logger.child({ component: 'consumer-manager' }));
      const notifier = new ConsumerIdsChangeNotifier({
        enabled: config.notifyConsumerIdsChangedEnable,
        groupAllowsNotify: (group) => groups.selectSubscriptionGroupConfig(group)?.notifyConsumerIdsChangedEnable ?? true,
        logger,
      });
      manager.onConsumerIdsChanged(notifier.onConsumerIdsChanged);
      return manager;
    },
  },
  {
    provide: ClientHousekeeper,
    inject: [ProducerManager, ConsumerManager, BROKER_CLOCK, BROKER_TIMERS],
    useFactory: (producers: ProducerManager, consumers: ConsumerManager, clock: Clock, timers: Timers) =>
      new ClientHousekeeper({ producers, consumers, clock, timers }),
  },
  {
    provide: NamesrvRegistrar,
    ...injectNamed(namesrvRegistrarTokens, ({ config, identity, topics, replication, logger, timers }: NamesrvRegistrarDeps) => {
      const registrar = new NamesrvRegistrar({
        identity,
        namesrvAddrs: splitAddressList(config.namesrvAddr),
        topics,
        client: new RemotingClient({ logger, ...brokerClientSecurity(config) }),
        registerPeriodMs: config.registerNameServerPeriod,
        requestTimeoutMs: config.registerBrokerTimeoutMills,
        // Read at each registration: UPDATE_BROKER_CONFIG may change it at run time.
        get brokerPermission() {
          return config.brokerPermission;
        },
        logger: logger.child({ component: 'namesrv-registrar' }),
        onRegistered: (reply) => replication.onRegistered(reply),
        controlled: controlledRegistration(replication),
        timers,
      });
      // Controller mode: a new role is advertised at once (brokerId 0 as master, the controller id as slave).
      replication.controller?.onRoleChange(() => void registrar.requestRegister());
      return registrar;
    }),
  },
];
