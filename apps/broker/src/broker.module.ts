import { join } from 'node:path';

import { type DynamicModule, Module, type Provider } from '@nestjs/common';

import type { Clock, Logger, Timers } from '@rocketmq-ts/base';
import { injectNamed, RemotingServerModule, type RemotingServerModuleOptions } from '@rocketmq-ts/nest-remoting';
import { type MalformedRequestReporter, serverTlsFromSettings } from '@rocketmq-ts/remoting';
import type { MessageStore, StoreConfig } from '@rocketmq-ts/store';

import { brokerLanes } from './broker-lanes';
import { BrokerLifecycleService } from './broker-lifecycle.service';
import { type BrokerRuntime, BrokerRuntimeModule } from './broker-runtime.module';
import { type BrokerAcl, BrokerAclShutdown } from './acl/broker-acl';
import {
  BROKER_ACL,
  BROKER_CLOCK,
  BROKER_CONFIG,
  BROKER_IDENTITY,
  BROKER_LOGGER,
  BROKER_METRICS,
  BROKER_TIMERS,
  MALFORMED_REQUESTS,
  MESSAGE_PUT,
  MESSAGE_STORE,
  STORE_CONFIG,
} from './broker.tokens';
import type { BrokerConfig } from './config/broker-config.schema';
import { brokerIdentity } from './config/broker-identity';
import { parseMessageDelayLevel } from './config/config-fields';
import { fastListenPortOf } from './config/replication-role';
import { RequestCode } from '@rocketmq-ts/protocol';
import { HealthController } from './http/health.controller';
import { MetricsController } from './http/metrics.controller';
import type { BrokerMetrics } from './metrics/broker-metrics';
import { AtomicMetadataFile } from './persistence/metadata-file';
import { brokerManagerProviders } from './broker-managers.providers';
import { GroupAdminProcessor } from './processors/admin/group-admin.processor';
import { RuntimeInfoProcessor } from './processors/admin/runtime-info.processor';
import { TopicAdminProcessor } from './processors/admin/topic-admin.processor';
import { TopicStatsProcessor } from './processors/admin/topic-stats.processor';
import { ConsumeStatsProcessor } from './processors/admin/consume-stats.processor';
import { ClientConnectionProcessor } from './processors/admin/client-connection.processor';
import { ResetOffsetProcessor } from './processors/admin/reset-offset.processor';
import { CheckClientConfigProcessor } from './processors/check-client-config.processor';
import { ClientManageProcessor } from './processors/client-manage.processor';
import { SendMessageProcessor } from './processors/send-message.processor';
import { openMessageStore } from './store/message-store.provider';
import { TopicConfigManager } from './topics/topic-config-manager';
import { consumerSideProviders } from './consumer/consumer-side.providers';
import { ConsumerManageProcessor } from './processors/consumer-manage.processor';
import { LockBatchProcessor } from './processors/lock-batch.processor';
import { PullMessageProcessor } from './processors/pull-message.processor';
import { QueryMessageProcessor } from './processors/query-message.processor';
import { SendBackProcessor } from './processors/send-back.processor';
import { MetadataSyncProcessor } from './processors/ha-sync/metadata-sync.processor';
import { TimerCheckpointProcessor } from './processors/ha-sync/timer-checkpoint.processor';
import { ControllerModeProcessor } from './controller/controller-mode.processor';
import { masterOnlyProviders } from './controller/master-only-services';
import { haProviders } from './ha/ha.providers';
import { transactionProviders } from './transaction/transaction.providers';
import { BrokerReplication } from './ha/broker-replication';
import { MessagePutService } from './put/message-put-service';
import { timerProviders } from './timer/timer.providers';
import { BrokerStatsManager } from './stats/broker-stats-manager';
import { brokerStatsProviders } from './stats/stats.providers';
import { brokerAdminProcessors } from './processors/admin/admin-processors';
import { popProviders } from './pop/pop.providers';
import { grpcProviders } from './grpc/grpc.providers';

interface RemotingDeps {
  readonly config: BrokerConfig;
  readonly logger: Logger;
  readonly metrics: BrokerMetrics;
  readonly malformedRequests: MalformedRequestReporter;
  readonly acl: BrokerAcl | null;
}

const remotingTokens = {
  config: BROKER_CONFIG,
  logger: BROKER_LOGGER,
  metrics: BROKER_METRICS,
  malformedRequests: MALFORMED_REQUESTS,
  acl: BROKER_ACL,
};

function remotingOptions({ config, logger, metrics, malformedRequests, acl }: RemotingDeps): RemotingServerModuleOptions {
  return {
    host: config.bindAddress,
    port: config.listenPort,
    lanes: brokerLanes(config),
    // ACL first: a refused request is still counted by the metrics hook (afterResponse), but never admitted.
    hooks: acl ? [acl.hook, metrics.requestHook, malformedRequests] : [metrics.requestHook, malformedRequests],
    tls: serverTlsFromSettings(config),
    logger,
    idleTimeoutMs: config.serverChannelMaxIdleTimeSeconds * 1000,
    drainTimeoutMs: config.shutdownDrainTimeoutMillis,
    ...fastServer(config),
  };
}

/** Java's fast remoting server: every processor but the pulls (they long-poll on the main port only). */
function fastServer(config: BrokerConfig): Pick<RemotingServerModuleOptions, 'fastServer'> {
  const port = fastListenPortOf(config, config.listenPort);
  // The derived default (listenPort - 2) may be anybody's port: then the broker runs without it; a port asked for must bind.
  return port === undefined
    ? {}
    : {
        fastServer: {
          port,
          excludedCodes: [RequestCode.PULL_MESSAGE, RequestCode.LITE_PULL_MESSAGE],
          optional: config.fastListenPort === 0,
        },
      };
}

interface MessagePutDeps {
  readonly store: MessageStore;
  readonly replication: BrokerReplication;
  readonly config: BrokerConfig;
  readonly metrics: BrokerMetrics;
  readonly traffic: BrokerStatsManager;
}

const messagePutTokens = {
  store: MESSAGE_STORE,
  replication: BrokerReplication,
  config: BROKER_CONFIG,
  metrics: BROKER_METRICS,
  traffic: BrokerStatsManager,
};

interface MessageStoreDeps {
  readonly storeConfig: StoreConfig;
  readonly config: BrokerConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timers: Timers;
}

const messageStoreTokens = {
  storeConfig: STORE_CONFIG,
  config: BROKER_CONFIG,
  clock: BROKER_CLOCK,
  logger: BROKER_LOGGER,
  timers: BROKER_TIMERS,
};

/** Managers and the store: plain classes built here (docs/architecture.md), injected into processors. */
function coreProviders(runtime: BrokerRuntime): Provider[] {
  return [
    {
      provide: MESSAGE_STORE,
      ...injectNamed(messageStoreTokens, ({ storeConfig, config, clock, logger, timers }: MessageStoreDeps) =>
        (runtime.openStore ?? openMessageStore)(storeConfig, {
          clock,
          timers,
          logger: logger.child({ component: 'store' }),
          delayLevelsMs: parseMessageDelayLevel(config.messageDelayLevel) ?? [],
        }),
      ),
    },
    {
      // listenPort is a real port even in specs (picked free beforehand): the store host of every
      // message is derived from it before the server binds.
      provide: BROKER_IDENTITY,
      inject: [BROKER_CONFIG],
      useFactory: (config: BrokerConfig) => brokerIdentity(config, config.listenPort),
    },
    {
      provide: MESSAGE_PUT,
      ...injectNamed(
        messagePutTokens,
        ({ metrics, ...parts }: MessagePutDeps) => new MessagePutService({ ...parts, stats: metrics.putStats }),
      ),
    },
    {
      provide: TopicConfigManager,
      inject: [BROKER_CONFIG, STORE_CONFIG, BROKER_CLOCK, BROKER_LOGGER],
      useFactory: async (config: BrokerConfig, storeConfig: StoreConfig, clock: Clock, logger: Logger) => {
        const manager = new TopicConfigManager({
          file: new AtomicMetadataFile(join(storeConfig.storePathConfig, 'topics.json')),
          clock,
          logger: logger.child({ component: 'topic-config' }),
          brokerClusterName: config.brokerClusterName,
          brokerName: config.brokerName,
          autoCreateTopicEnable: config.autoCreateTopicEnable,
          defaultTopicQueueNums: config.defaultTopicQueueNums,
          delayLevelCount: parseMessageDelayLevel(config.messageDelayLevel)?.length ?? 18,
          timerWheelEnable: config.timerWheelEnable,
          ...(config.traceTopicEnable ? { traceTopic: config.msgTraceTopicName } : {}),
        });
        await manager.load();
        return manager;
      },
    },
  ];
}

/** Wiring only: managers are plain classes built with useFactory; processors are discovered. */
@Module({})
export class BrokerModule {
  static forRoot(runtime: BrokerRuntime): DynamicModule {
    return {
      module: BrokerModule,
      imports: [BrokerRuntimeModule.forRoot(runtime), RemotingServerModule.forRootAsync(injectNamed(remotingTokens, remotingOptions))],
      controllers: [HealthController, MetricsController],
      providers: [
        ...coreProviders(runtime),
        ...brokerManagerProviders,
        ...haProviders,
        ...transactionProviders,
        BrokerLifecycleService,
        BrokerAclShutdown,
        SendMessageProcessor,
        ClientManageProcessor,
        CheckClientConfigProcessor,
        TopicAdminProcessor,
        GroupAdminProcessor,
        RuntimeInfoProcessor,
        TopicStatsProcessor,
        ConsumeStatsProcessor,
        ClientConnectionProcessor,
        ResetOffsetProcessor,
        ...consumerSideProviders,
        ...timerProviders,
        ...brokerStatsProviders,
        ...brokerAdminProcessors,
        ...popProviders,
        ...masterOnlyProviders,
        ...grpcProviders,
        PullMessageProcessor,
        ConsumerManageProcessor,
        QueryMessageProcessor,
        SendBackProcessor,
        LockBatchProcessor,
        MetadataSyncProcessor,
        TimerCheckpointProcessor,
        ControllerModeProcessor,
      ],
    };
  }
}
