import type { OnApplicationBootstrap, OnModuleDestroy, Provider } from '@nestjs/common';

import type { Clock, Logger, TimerHandle, Timers } from '@rocketmq-ts/base';

import type { StoreConfig } from '@rocketmq-ts/store';
import { injectNamed } from '@rocketmq-ts/nest-remoting';

import { BROKER_CLOCK, BROKER_CONFIG, BROKER_LOGGER, BROKER_TIMERS, STORE_CONFIG } from '../broker.tokens';
import type { BrokerConfig } from '../config/broker-config.schema';
import { ProducerManager } from '../clients/producer-manager';
import { ChangeInvisibleTimeProcessor } from '../pop/change-invisible-time.processor';
import { AckMessageProcessor } from '../pop/ack-message.processor';
import { PopMessageProcessor } from '../pop/pop-message.processor';
import { SendBackProcessor } from '../processors/send-back.processor';
import { SendMessageProcessor } from '../processors/send-message.processor';
import { SubscriptionGroupManager } from '../subscriptions/subscription-group-manager';
import { TopicConfigManager } from '../topics/topic-config-manager';
import { EndTransactionProcessor } from '../transaction/end-transaction.processor';
import { ClientSettingsTable } from './client-settings';
import { ConsumerActivity } from './consumer-activity';
import { GrpcEndpoint } from './grpc-endpoint';
import { LocalCall } from './local-remoting';
import { ProducerActivity } from './producer-activity';
import { ReceiptHandleRenewer } from './receipt-handle-renewer';
import { RouteActivity } from './route-activity';
import { TransactionActivity } from './transaction-activity';

/** How often auto_renew handles are looked at (the proxy: 5 s; a pass over nothing due is cheap). */
const RENEW_SCHEDULE_MS = 1000;

/** Java's retryMaxTimes for a group not known (yet): auto-created ones get it too. */
const DEFAULT_RETRY_MAX_TIMES = 16;

export interface GrpcLifecycleDeps {
  readonly send: SendMessageProcessor;
  readonly pop: PopMessageProcessor;
  readonly ack: AckMessageProcessor;
  readonly changeInvisible: ChangeInvisibleTimeProcessor;
  readonly sendBack: SendBackProcessor;
  readonly endTransaction: EndTransactionProcessor;
  readonly topics: TopicConfigManager;
  readonly groups: SubscriptionGroupManager;
  readonly producers: ProducerManager;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly logger: Logger;
  /** Where the self-signed certificate is kept (the store's config dir). */
  readonly configDir: string;
}

/** Starts the gRPC endpoint after the broker is up (when enableGrpcServer), stops it first at shutdown. */
export class GrpcLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  readonly endpoint: GrpcEndpoint;
  private renewTimer: TimerHandle | undefined;

  constructor(
    private readonly config: BrokerConfig,
    private readonly deps: GrpcLifecycleDeps,
  ) {
    this.endpoint = new GrpcEndpoint({
      host: config.bindAddress,
      port: config.grpcServerPort,
      tls: config.grpcTlsEnable || config.grpcTlsCertPath !== '',
      tlsCertPath: config.grpcTlsCertPath,
      tlsKeyPath: config.grpcTlsKeyPath,
      selfSignedDir: deps.configDir,
      host4Certificate: config.brokerIP1,
      logger: deps.logger,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.enableGrpcServer) return;
    const { send, pop, ack, changeInvisible, sendBack, endTransaction, topics, groups, producers, clock, logger } = this.deps;
    // Routes name the port actually bound: with grpcServerPort=0 it is known only after the bind.
    const endpoint = this.endpoint;
    const identity = {
      brokerName: this.config.brokerName,
      host: this.config.brokerIP1,
      get grpcPort(): number {
        return endpoint.port;
      },
    };
    const transactions = new TransactionActivity(endTransaction, () => clock.nowMs());
    const consumer = new ConsumerActivity(
      { pop, ack, changeInvisible, sendBack },
      this.config.brokerName,
      () => clock.nowMs(),
      this.config.grpcDefaultInvisibleTimeMs,
    );
    const renewer = new ReceiptHandleRenewer({
      invisibleMs: this.config.grpcDefaultInvisibleTimeMs,
      now: () => clock.nowMs(),
      change: (group, topic, handle, invisibleMs) => {
        const call = new LocalCall('renewal');
        return consumer.changeInvisible(call, { group, topic, receiptHandle: handle, invisibleMs }).finally(() => call.end());
      },
      logger,
    });
    this.renewTimer = this.deps.timers.setInterval(() => void renewer.renewDue(), RENEW_SCHEDULE_MS);
    this.renewTimer.unref();
    await endpoint.start({
      route: new RouteActivity(topics, identity),
      producer: new ProducerActivity(send, topics, transactions, () => clock.nowMs()),
      transactions,
      consumer,
      renewer,
      settings: new ClientSettingsTable(),
      isFifoGroup: (group) => groups.findSubscriptionGroupConfig(group)?.consumeMessageOrderly ?? false,
      maxAttempts: (group) => (groups.findSubscriptionGroupConfig(group)?.retryMaxTimes ?? DEFAULT_RETRY_MAX_TIMES) + 1,
      producers,
      now: () => clock.nowMs(),
      logger,
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.deps.timers.clearInterval(this.renewTimer);
    await this.endpoint.stop();
  }
}

type GrpcProviderDeps = Omit<GrpcLifecycleDeps, 'configDir'> & {
  readonly config: BrokerConfig;
  readonly storeConfig: StoreConfig;
};

const grpcLifecycleTokens = {
  config: BROKER_CONFIG,
  storeConfig: STORE_CONFIG,
  send: SendMessageProcessor,
  pop: PopMessageProcessor,
  ack: AckMessageProcessor,
  changeInvisible: ChangeInvisibleTimeProcessor,
  sendBack: SendBackProcessor,
  endTransaction: EndTransactionProcessor,
  topics: TopicConfigManager,
  groups: SubscriptionGroupManager,
  producers: ProducerManager,
  clock: BROKER_CLOCK,
  timers: BROKER_TIMERS,
  logger: BROKER_LOGGER,
};

/** The gRPC v5 endpoint (docs/grpc-and-pop.md#grpc-endpoint). */
export const grpcProviders: Provider[] = [
  {
    provide: GrpcLifecycle,
    ...injectNamed(
      grpcLifecycleTokens,
      ({ config, storeConfig, logger, ...parts }: GrpcProviderDeps) =>
        new GrpcLifecycle(config, { ...parts, logger: logger.child({ component: 'grpc' }), configDir: storeConfig.storePathConfig }),
    ),
  },
];
