import type { Provider } from '@nestjs/common';

import type { Clock, Logger } from '@rocketmq-ts/base';
import type { MessageStore } from '@rocketmq-ts/store';

import { BROKER_CLOCK, BROKER_CONFIG, BROKER_IDENTITY, BROKER_LOGGER, MESSAGE_PUT, MESSAGE_STORE } from '../broker.tokens';
import { ProducerManager } from '../clients/producer-manager';
import type { BrokerConfig } from '../config/broker-config.schema';
import type { BrokerIdentity } from '../config/broker-identity';
import { isSlave } from '../config/replication-role';
import { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';
import type { MessagePut } from '../put/message-put-service';
import { EndTransactionProcessor } from './end-transaction.processor';
import { TransactionLifecycle } from './transaction-lifecycle';
import { TransactionService } from './transaction-service';

/** Transactions (docs/transactions.md): the service, its check-back lifecycle and END_TRANSACTION. */
export const transactionProviders: Provider[] = [
  {
    provide: TransactionService,
    inject: [BROKER_CONFIG, BROKER_IDENTITY, MESSAGE_STORE, MESSAGE_PUT, ConsumerOffsetManager, ProducerManager, BROKER_CLOCK, BROKER_LOGGER],
    useFactory: (config: BrokerConfig, identity: BrokerIdentity, store: MessageStore, put: MessagePut, offsets: ConsumerOffsetManager, producers: ProducerManager, clock: Clock, logger: Logger) =>
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
        logger: logger.child({ component: 'transaction' }),
      }),
  },
  {
    provide: TransactionLifecycle,
    inject: [TransactionService, MESSAGE_STORE, BROKER_CONFIG, BROKER_LOGGER],
    useFactory: (service: TransactionService, store: MessageStore, config: BrokerConfig, logger: Logger) =>
      new TransactionLifecycle(service, store, { checks: !isSlave(config), intervalMs: config.transactionCheckInterval, logger: logger.child({ component: 'transaction' }) }),
  },
  EndTransactionProcessor,
];
