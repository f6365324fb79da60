import type { Provider } from '@nestjs/common';

import type { Clock, Logger, Timers } from '@rocketmq-ts/base';
import { createTopicConfig, findMessageProperty, MessageConst } from '@rocketmq-ts/model';
import type { MessageStore, MessageToStore } from '@rocketmq-ts/store';
import { injectNamed } from '@rocketmq-ts/nest-remoting';

import { BROKER_CLOCK, BROKER_CONFIG, BROKER_IDENTITY, BROKER_LOGGER, BROKER_TIMERS, MESSAGE_PUT, MESSAGE_STORE } from '../broker.tokens';
import { ProducerManager } from '../clients/producer-manager';
import type { BrokerConfig } from '../config/broker-config.schema';
import type { BrokerIdentity } from '../config/broker-identity';
import { startsMasterOnlyWork } from '../config/replication-role';
import { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';
import { runSendHooks, SEND_MESSAGE_HOOKS, type SendMessageDraft, type SendMessageHook } from '../send-hooks/send-message-hook';
import type { MessagePut } from '../put/message-put-service';
import { TopicConfigManager } from '../topics/topic-config-manager';
import { EndTransactionProcessor } from './end-transaction.processor';
import { TransactionLifecycle } from './transaction-lifecycle';
import { TransactionService } from './transaction-service';

/** A committed message through the send path's rules (the half rule ignores it: its type is COMMIT). */
function routeThroughSendHooks(
  message: MessageToStore,
  hooks: readonly SendMessageHook[],
  topics: TopicConfigManager,
): MessageToStore | { readonly refused: string } {
  const draft: SendMessageDraft = {
    topic: message.topic,
    queueId: message.queueId,
    properties: message.properties,
    sysFlag: message.sysFlag,
    tagsCode: message.tagsCode,
    reconsumeTimes: message.reconsumeTimes,
    maxReconsumeTimes: undefined,
    topicConfig: topics.selectTopicConfig(message.topic) ?? createTopicConfig(message.topic),
    producerGroup: findMessageProperty(message.properties, MessageConst.PROPERTY_PRODUCER_GROUP) ?? '',
  };
  const verdict = runSendHooks(hooks, draft);
  if (verdict.kind === 'reject') return { refused: verdict.remark };
  return {
    ...message,
    topic: draft.topic,
    queueId: draft.queueId,
    properties: draft.properties,
    sysFlag: draft.sysFlag,
    tagsCode: draft.tagsCode,
  };
}

interface TransactionServiceDeps {
  readonly config: BrokerConfig;
  readonly identity: BrokerIdentity;
  readonly store: MessageStore;
  readonly put: MessagePut;
  readonly offsets: ConsumerOffsetManager;
  readonly producers: ProducerManager;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly hooks: readonly SendMessageHook[];
  readonly topics: TopicConfigManager;
}

const transactionServiceTokens = {
  config: BROKER_CONFIG,
  identity: BROKER_IDENTITY,
  store: MESSAGE_STORE,
  put: MESSAGE_PUT,
  offsets: ConsumerOffsetManager,
  producers: ProducerManager,
  clock: BROKER_CLOCK,
  logger: BROKER_LOGGER,
  hooks: SEND_MESSAGE_HOOKS,
  topics: TopicConfigManager,
};

interface TransactionLifecycleDeps {
  readonly service: TransactionService;
  readonly store: MessageStore;
  readonly config: BrokerConfig;
  readonly logger: Logger;
  readonly timers: Timers;
}

const transactionLifecycleTokens = {
  service: TransactionService,
  store: MESSAGE_STORE,
  config: BROKER_CONFIG,
  logger: BROKER_LOGGER,
  timers: BROKER_TIMERS,
};

/** Transactions (docs/transactions.md): the service, its check-back lifecycle and END_TRANSACTION. */
export const transactionProviders: Provider[] = [
  {
    provide: TransactionService,
    ...injectNamed(
      transactionServiceTokens,
      ({ config, identity, store, put, offsets, producers, clock, logger, hooks, topics }: TransactionServiceDeps) =>
        new TransactionService({
          store,
          put,
          offsets,
          producers,
          clock,
          brokerName: identity.brokerName,
          storeHost: identity.storeHost,
          transactionTimeOutMs: config.transactionTimeOut,
          transactionCheckMax: config.transactionCheckMax,
          routeCommitted: (message) => routeThroughSendHooks(message, hooks, topics),
          logger: logger.child({ component: 'transaction' }),
        }),
    ),
  },
  {
    provide: TransactionLifecycle,
    ...injectNamed(
      transactionLifecycleTokens,
      ({ service, store, config, logger, timers }: TransactionLifecycleDeps) =>
        new TransactionLifecycle(service, store, {
          checks: startsMasterOnlyWork(config),
          intervalMs: config.transactionCheckInterval,
          logger: logger.child({ component: 'transaction' }),
          timers,
        }),
    ),
  },
  EndTransactionProcessor,
];
