import { join } from 'node:path';

import type { Provider } from '@nestjs/common';

import type { Clock, Logger, Timers } from '@rocketmq-ts/base';
import type { MessageStore, StoreConfig } from '@rocketmq-ts/store';
import { injectNamed } from '@rocketmq-ts/nest-remoting';

import {
  BROKER_CLOCK,
  BROKER_CONFIG,
  BROKER_LOGGER,
  BROKER_TIMERS,
  MESSAGE_STORE,
  STORE_CONFIG,
  STORE_SERVICE_TOKENS,
  type StoreServiceDeps,
} from '../broker.tokens';
import type { BrokerConfig } from '../config/broker-config.schema';
import { parseMessageDelayLevel } from '../config/config-fields';
import { startsMasterOnlyWork } from '../config/replication-role';
import { ConsumerManager } from '../clients/consumer-manager';
import { PropertyFilters } from '../filter/property-filters';
import { PullRequestHoldService } from '../longpolling/pull-request-hold-service';
import { RebalanceLockManager } from '../orderly/rebalance-lock-manager';
import { ConsumerSubscriptions, SubscriptionGroups, TopicConfigs } from './consumer.ports';
import { SEND_MESSAGE_HOOKS, type SendMessageHook } from '../send-hooks/send-message-hook';
import { RetryDlqSendHook } from '../retry/retry-dlq-send-hook';
import { DelayLevelSendHook } from '../schedule/delay-level-send-hook';
import { ScheduleMessageService } from '../schedule/schedule-message-service';
import { SubscriptionGroupManager } from '../subscriptions/subscription-group-manager';
import { TimerSendHook } from '../timer/timer-send-hook';
import { TopicConfigManager } from '../topics/topic-config-manager';
import { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';
import { ConsumerSideLifecycle } from './consumer-side-lifecycle';
import { atomicJsonConfigFile } from '../offsets/json-config-file';
import { TransactionHalfSendHook } from '../transaction/transaction-half-send-hook';

/** Java's flushConsumerOffsetInterval and flushDelayOffsetInterval. */
const CONSUMER_OFFSET_PERSIST_INTERVAL_MS = 5_000;
const DELAY_OFFSET_PERSIST_INTERVAL_MS = 10_000;
/** Long-polling sweep with longPollingEnable (Java's PullRequestHoldService waits 5 s). */
const LONG_POLLING_CHECK_INTERVAL_MS = 5_000;
/** Parked pulls: far more than any real fleet per queue, and below the pull lane's slots overall. */
const MAX_HELD_PULLS_PER_QUEUE = 1_024;
const MAX_HELD_PULLS_TOTAL = 8_192;

interface SendMessageHooksDeps {
  readonly groups: SubscriptionGroups;
  readonly topics: TopicConfigs;
  readonly locks: RebalanceLockManager;
  readonly timer: TimerSendHook;
  readonly delay: DelayLevelSendHook;
  readonly config: BrokerConfig;
}

const sendMessageHooksTokens = {
  groups: SubscriptionGroups,
  topics: TopicConfigs,
  locks: RebalanceLockManager,
  timer: TimerSendHook,
  delay: DelayLevelSendHook,
  config: BROKER_CONFIG,
};

interface ConsumerSideLifecycleDeps {
  readonly store: MessageStore;
  readonly offsets: ConsumerOffsetManager;
  readonly holds: PullRequestHoldService;
  readonly schedule: ScheduleMessageService;
  readonly config: BrokerConfig;
}

const consumerSideLifecycleTokens = {
  store: MESSAGE_STORE,
  offsets: ConsumerOffsetManager,
  holds: PullRequestHoldService,
  schedule: ScheduleMessageService,
  config: BROKER_CONFIG,
};

interface PullHoldDeps {
  readonly config: BrokerConfig;
  readonly store: MessageStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timers: Timers;
}

const pullHoldTokens = { config: BROKER_CONFIG, store: MESSAGE_STORE, clock: BROKER_CLOCK, logger: BROKER_LOGGER, timers: BROKER_TIMERS };

/**
 * The consumer side of the broker: offsets, long polling, delay levels, queue locks, and the
 * narrow ports the consumer processors take, bound to the managers.
 */
export const consumerSideProviders: Provider[] = [
  { provide: TopicConfigs, useExisting: TopicConfigManager },
  {
    provide: PropertyFilters,
    inject: [BROKER_LOGGER],
    useFactory: (logger: Logger) => new PropertyFilters(logger.child({ component: 'property-filters' })),
  },
  {
    provide: SubscriptionGroups,
    inject: [SubscriptionGroupManager],
    useFactory: (groups: SubscriptionGroupManager): SubscriptionGroups => ({
      findSubscriptionGroup: (group) => groups.findSubscriptionGroupConfig(group),
    }),
  },
  {
    provide: ConsumerSubscriptions,
    inject: [ConsumerManager],
    useFactory: (consumers: ConsumerManager): ConsumerSubscriptions => ({
      findConsumerGroup: (group) => {
        const info = consumers.getConsumerGroupInfo(group);
        if (info === undefined) return undefined;
        return {
          messageModel: info.messageModel === 'BROADCASTING' ? 'BROADCASTING' : 'CLUSTERING',
          findSubscription: (topic) => info.subscriptions.get(topic),
        };
      },
    }),
  },
  {
    provide: ConsumerOffsetManager,
    inject: [STORE_CONFIG, BROKER_LOGGER, BROKER_TIMERS],
    useFactory: async (storeConfig: StoreConfig, logger: Logger, timers: Timers) => {
      const log = logger.child({ component: 'consumer-offsets' });
      const manager = new ConsumerOffsetManager({
        file: atomicJsonConfigFile(join(storeConfig.storePathConfig, 'consumerOffset.json'), log),
        persistIntervalMs: CONSUMER_OFFSET_PERSIST_INTERVAL_MS,
        logger: log,
        timers,
      });
      await manager.load();
      return manager;
    },
  },
  {
    provide: ScheduleMessageService,
    ...injectNamed(STORE_SERVICE_TOKENS, async ({ config, storeConfig, store, put, clock, logger, timers }: StoreServiceDeps) => {
      const log = logger.child({ component: 'schedule' });
      const service = new ScheduleMessageService({
        store,
        put,
        clock,
        delayLevelsMs: parseMessageDelayLevel(config.messageDelayLevel) ?? [],
        offsetFile: atomicJsonConfigFile(join(storeConfig.storePathConfig, 'delayOffset.json'), log),
        persistIntervalMs: DELAY_OFFSET_PERSIST_INTERVAL_MS,
        logger: log,
        timers,
      });
      await service.load();
      return service;
    }),
  },
  {
    provide: DelayLevelSendHook,
    inject: [ScheduleMessageService],
    useFactory: (schedule: ScheduleMessageService) => new DelayLevelSendHook(schedule),
  },
  {
    // The send path's hooks, in order: a retry past its limit goes to the DLQ undelayed, so the
    // retry rule runs before the delay rule; the timer rule drops timer properties of a message
    // with a delay level and leaves it to the delay rule, so it runs between them; the delay and
    // timer rules leave prepared messages alone, and the transaction rule then parks them as half
    // messages (delayed, if at all, from their commit).
    provide: SEND_MESSAGE_HOOKS,
    ...injectNamed(
      sendMessageHooksTokens,
      ({ groups, topics, locks, timer, delay, config }: SendMessageHooksDeps): readonly SendMessageHook[] => [
        new RetryDlqSendHook(groups, topics, locks),
        timer,
        delay,
        new TransactionHalfSendHook(config.brokerName, config.rejectTransactionMessage),
      ],
    ),
  },
  {
    provide: PullRequestHoldService,
    ...injectNamed(
      pullHoldTokens,
      ({ config, store, clock, logger, timers }: PullHoldDeps) =>
        new PullRequestHoldService({
          clock,
          timers,
          maxOffsetOf: (topic, queueId) => store.getMaxOffsetInQueue(topic, queueId),
          checkIntervalMs: config.longPollingEnable ? LONG_POLLING_CHECK_INTERVAL_MS : config.shortPollingTimeMills,
          maxHeldPerQueue: MAX_HELD_PULLS_PER_QUEUE,
          maxHeldTotal: MAX_HELD_PULLS_TOTAL,
          logger: logger.child({ component: 'long-polling' }),
        }),
    ),
  },
  {
    provide: RebalanceLockManager,
    inject: [BROKER_CLOCK],
    useFactory: (clock: Clock) => new RebalanceLockManager(clock),
  },
  {
    provide: ConsumerSideLifecycle,
    ...injectNamed(
      consumerSideLifecycleTokens,
      ({ store, offsets, holds, schedule, config }: ConsumerSideLifecycleDeps) =>
        new ConsumerSideLifecycle({ store, offsets, holds, schedule, deliversDelayed: startsMasterOnlyWork(config) }),
    ),
  },
];
