import { type DynamicModule, Module } from '@nestjs/common';

import type { Clock, Logger, Timers } from '@rocketmq-ts/base';
import { RemotingServerModule, type RemotingServerModuleOptions } from '@rocketmq-ts/nest-remoting';
import { serverTlsFromSettings } from '@rocketmq-ts/remoting';

import type { NamesrvConfig } from './config/namesrv-config.schema';
import { HealthController } from './http/health.controller';
import { MetricsController } from './http/metrics.controller';
import { KvConfigManager } from './kvconfig/kv-config-manager';
import type { NamesrvMetrics } from './metrics/namesrv-metrics';
import { NamesrvLifecycleService } from './namesrv-lifecycle.service';
import { type NamesrvRuntime, NamesrvRuntimeModule } from './namesrv-runtime.module';
import { NAMESRV_CLOCK, NAMESRV_CONFIG, NAMESRV_LOGGER, NAMESRV_METRICS, NAMESRV_TIMERS, NamesrvLane } from './namesrv.tokens';
import { BrokerRegistrationProcessor } from './processors/broker-registration.processor';
import { ClusterInfoProcessor } from './processors/cluster-info.processor';
import { KvConfigProcessor } from './processors/kv-config.processor';
import { RouteQueryProcessor } from './processors/route-query.processor';
import { NamesrvAdminProcessor } from './processors/namesrv-admin.processor';
import { NamesrvRuntimeConfig } from './config/namesrv-runtime-config';
import { BrokerHousekeeper } from './routeinfo/broker-housekeeper';
import { RouteInfoManager } from './routeinfo/route-info-manager';

/** Lane sizes: route queries are many and instant; KV writes wait on fsync, so admin is small. */
const LANES = [
  { name: NamesrvLane.ROUTE, maxInFlight: 256, maxQueued: 4096 },
  { name: NamesrvLane.BROKER, maxInFlight: 64, maxQueued: 1024 },
  { name: NamesrvLane.ADMIN, maxInFlight: 16, maxQueued: 256 },
];

function remotingOptions(config: NamesrvConfig, logger: Logger, metrics: NamesrvMetrics): RemotingServerModuleOptions {
  return {
    host: config.bindAddress,
    port: config.listenPort,
    lanes: LANES,
    hooks: [metrics.requestHook],
    tls: serverTlsFromSettings(config),
    logger,
    idleTimeoutMs: config.serverChannelMaxIdleTimeSeconds * 1000,
    drainTimeoutMs: config.shutdownDrainTimeoutMillis,
  };
}

/** Wiring only: managers are plain classes built here with useFactory; processors are discovered. */
@Module({})
export class NamesrvModule {
  static forRoot(runtime: NamesrvRuntime): DynamicModule {
    return {
      module: NamesrvModule,
      imports: [
        NamesrvRuntimeModule.forRoot(runtime),
        RemotingServerModule.forRootAsync({ inject: [NAMESRV_CONFIG, NAMESRV_LOGGER, NAMESRV_METRICS], useFactory: remotingOptions }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        {
          provide: RouteInfoManager,
          inject: [NAMESRV_CONFIG, NAMESRV_CLOCK, NAMESRV_LOGGER],
          useFactory: (config: NamesrvConfig, clock: Clock, logger: Logger) =>
            new RouteInfoManager({
              clock,
              logger: logger.child({ component: 'route-info' }),
              supportActingMaster: config.supportActingMaster,
              deleteTopicWithBrokerRegistration: config.deleteTopicWithBrokerRegistration,
            }),
        },
        {
          provide: KvConfigManager,
          inject: [NAMESRV_CONFIG, NAMESRV_LOGGER],
          useFactory: async (config: NamesrvConfig, logger: Logger) => {
            const manager = new KvConfigManager(config.kvConfigPath, logger.child({ component: 'kv-config' }));
            await manager.load();
            return manager;
          },
        },
        {
          provide: BrokerHousekeeper,
          inject: [RouteInfoManager, NAMESRV_CONFIG, NAMESRV_LOGGER, NAMESRV_TIMERS],
          useFactory: (routeInfoManager: RouteInfoManager, config: NamesrvConfig, logger: Logger, timers: Timers) =>
            new BrokerHousekeeper({
              routeInfoManager,
              scanIntervalMs: config.scanNotActiveBrokerInterval,
              logger: logger.child({ component: 'housekeeper' }),
              timers,
            }),
        },
        {
          provide: NamesrvRuntimeConfig,
          inject: [NAMESRV_CONFIG, NAMESRV_LOGGER],
          useFactory: (config: NamesrvConfig, logger: Logger) =>
            new NamesrvRuntimeConfig(config, logger.child({ component: 'namesrv-config' })),
        },
        NamesrvAdminProcessor,
        NamesrvLifecycleService,
        BrokerRegistrationProcessor,
        RouteQueryProcessor,
        ClusterInfoProcessor,
        KvConfigProcessor,
      ],
    };
  }
}
