import type { Provider } from '@nestjs/common';

import type { Clock, Logger, Timers } from '@rocketmq-ts/base';
import type { MessageStore } from '@rocketmq-ts/store';
import { injectNamed } from '@rocketmq-ts/nest-remoting';

import { BROKER_CLOCK, BROKER_CONFIG, BROKER_IDENTITY, BROKER_LOGGER, BROKER_TIMERS, MESSAGE_PUT, MESSAGE_STORE } from '../broker.tokens';
import type { BrokerConfig } from '../config/broker-config.schema';
import type { BrokerIdentity } from '../config/broker-identity';
import { startsMasterOnlyWork } from '../config/replication-role';
import { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';
import { SubscriptionGroups, TopicConfigs } from '../consumer/consumer.ports';
import { AckMessageProcessor } from './ack-message.processor';
import { ChangeInvisibleTimeProcessor } from './change-invisible-time.processor';
import { reviveLogTopicOf } from './pop-checkpoint';
import { PopLifecycle } from './pop-lifecycle';
import { PopLongPolling } from './pop-long-polling';
import { PopMessageProcessor } from './pop-message.processor';
import { type PopReviveOptions, PopReviveService } from './pop-revive-service';
import { PopService } from './pop-service';

type PopReviveServiceDeps = Omit<PopReviveOptions, 'store' | 'reviveTopic' | 'storeHost'> & {
  readonly store: MessageStore;
  readonly config: BrokerConfig;
  readonly identity: BrokerIdentity;
};

const popReviveServiceTokens = {
  store: MESSAGE_STORE,
  put: MESSAGE_PUT,
  offsets: ConsumerOffsetManager,
  topics: TopicConfigs,
  groups: SubscriptionGroups,
  clock: BROKER_CLOCK,
  logger: BROKER_LOGGER,
  config: BROKER_CONFIG,
  identity: BROKER_IDENTITY,
};

interface PopServiceDeps {
  readonly store: MessageStore;
  readonly offsets: ConsumerOffsetManager;
  readonly topics: TopicConfigs;
  readonly revive: PopReviveService;
  readonly clock: Clock;
  readonly config: BrokerConfig;
  readonly polling: PopLongPolling;
}

const popServiceTokens = {
  store: MESSAGE_STORE,
  offsets: ConsumerOffsetManager,
  topics: TopicConfigs,
  revive: PopReviveService,
  clock: BROKER_CLOCK,
  config: BROKER_CONFIG,
  polling: PopLongPolling,
};

interface PopLifecycleDeps {
  readonly revive: PopReviveService;
  readonly polling: PopLongPolling;
  readonly store: MessageStore;
  readonly config: BrokerConfig;
  readonly logger: Logger;
  readonly timers: Timers;
}

const popLifecycleTokens = {
  revive: PopReviveService,
  polling: PopLongPolling,
  store: MESSAGE_STORE,
  config: BROKER_CONFIG,
  logger: BROKER_LOGGER,
  timers: BROKER_TIMERS,
};

/** POP consumption (docs/grpc-and-pop.md): revive service, pop service, long polling, the three processors. */
export const popProviders: Provider[] = [
  {
    provide: PopReviveService,
    ...injectNamed(
      popReviveServiceTokens,
      ({ store, put, offsets, topics, groups, clock, logger, config, identity }: PopReviveServiceDeps) =>
        new PopReviveService({
          store,
          put,
          offsets,
          topics,
          groups,
          clock,
          logger: logger.child({ component: 'pop-revive' }),
          reviveTopic: reviveLogTopicOf(config.brokerClusterName),
          storeHost: identity.storeHost,
        }),
    ),
  },
  {
    provide: PopLongPolling,
    inject: [BROKER_CONFIG, BROKER_TIMERS],
    useFactory: (config: BrokerConfig, timers: Timers) => new PopLongPolling(config.maxPopPollingSize, timers),
  },
  {
    provide: PopService,
    ...injectNamed(
      popServiceTokens,
      ({ store, offsets, topics, revive, clock, config, polling }: PopServiceDeps) =>
        new PopService({
          store,
          offsets,
          topics,
          revive,
          clock,
          retryFirstPercent: config.popFromRetryProbability,
          onQueueReleased: (topic) => polling.notify(topic),
        }),
    ),
  },
  {
    provide: PopLifecycle,
    ...injectNamed(
      popLifecycleTokens,
      ({ revive, polling, store, config, logger, timers }: PopLifecycleDeps) =>
        new PopLifecycle(revive, polling, store, {
          revives: startsMasterOnlyWork(config),
          intervalMs: config.reviveInterval,
          logger: logger.child({ component: 'pop' }),
          timers,
        }),
    ),
  },
  PopMessageProcessor,
  AckMessageProcessor,
  ChangeInvisibleTimeProcessor,
];
