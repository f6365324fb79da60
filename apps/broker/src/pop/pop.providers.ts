import type { Provider } from '@nestjs/common';

import type { Clock, Logger, Timers } from '@rocketmq-ts/base';
import type { MessageStore } from '@rocketmq-ts/store';

import { BROKER_CLOCK, BROKER_CONFIG, BROKER_IDENTITY, BROKER_LOGGER, BROKER_TIMERS, MESSAGE_PUT, MESSAGE_STORE } from '../broker.tokens';
import type { BrokerConfig } from '../config/broker-config.schema';
import type { BrokerIdentity } from '../config/broker-identity';
import { startsMasterOnlyWork } from '../config/replication-role';
import { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';
import { SubscriptionGroups, TopicConfigs } from '../consumer/consumer.ports';
import type { MessagePut } from '../put/message-put-service';
import { AckMessageProcessor } from './ack-message.processor';
import { ChangeInvisibleTimeProcessor } from './change-invisible-time.processor';
import { reviveLogTopicOf } from './pop-checkpoint';
import { PopLifecycle } from './pop-lifecycle';
import { PopLongPolling } from './pop-long-polling';
import { PopMessageProcessor } from './pop-message.processor';
import { PopReviveService } from './pop-revive-service';
import { PopService } from './pop-service';

/** POP consumption (docs/grpc-and-pop.md): revive service, pop service, long polling, the three processors. */
export const popProviders: Provider[] = [
  {
    provide: PopReviveService,
    inject: [MESSAGE_STORE, MESSAGE_PUT, ConsumerOffsetManager, TopicConfigs, SubscriptionGroups, BROKER_CLOCK, BROKER_LOGGER, BROKER_CONFIG, BROKER_IDENTITY],
    useFactory: (store: MessageStore, put: MessagePut, offsets: ConsumerOffsetManager, topics: TopicConfigs, groups: SubscriptionGroups, clock: Clock, logger: Logger, config: BrokerConfig, identity: BrokerIdentity) =>
      new PopReviveService({ store, put, offsets, topics, groups, clock, logger: logger.child({ component: 'pop-revive' }), reviveTopic: reviveLogTopicOf(config.brokerClusterName), storeHost: identity.storeHost }),
  },
  {
    provide: PopLongPolling,
    inject: [BROKER_CONFIG, BROKER_TIMERS],
    useFactory: (config: BrokerConfig, timers: Timers) => new PopLongPolling(config.maxPopPollingSize, timers),
  },
  {
    provide: PopService,
    inject: [MESSAGE_STORE, ConsumerOffsetManager, TopicConfigs, PopReviveService, BROKER_CLOCK, BROKER_CONFIG, PopLongPolling],
    useFactory: (store: MessageStore, offsets: ConsumerOffsetManager, topics: TopicConfigs, revive: PopReviveService, clock: Clock, config: BrokerConfig, polling: PopLongPolling) =>
      new PopService({ store, offsets, topics, revive, clock, retryFirstPercent: config.popFromRetryProbability, onQueueReleased: (topic) => polling.notify(topic) }),
  },
  {
    provide: PopLifecycle,
    inject: [PopReviveService, PopLongPolling, MESSAGE_STORE, BROKER_CONFIG, BROKER_LOGGER, BROKER_TIMERS],
    useFactory: (revive: PopReviveService, polling: PopLongPolling, store: MessageStore, config: BrokerConfig, logger: Logger, timers: Timers) =>
      new PopLifecycle(revive, polling, store, { revives: startsMasterOnlyWork(config), intervalMs: config.reviveInterval, logger: logger.child({ component: 'pop' }), timers }),
  },
  PopMessageProcessor,
  AckMessageProcessor,
  ChangeInvisibleTimeProcessor,
];
