import { type DynamicModule, Module } from '@nestjs/common';

import { type Clock, type Logger, systemClock, type Timers } from '@rocketmq-ts/base';
import { RemotingServerModule, type RemotingServerModuleOptions } from '@rocketmq-ts/nest-remoting';
import { RemotingClient } from '@rocketmq-ts/remoting';

import type { ControllerConfig } from './config/controller-config.schema';
import { ControllerSettings } from './config/controller-settings';
import type { ControllerTopology } from './config/controller-topology';
import { ControllerLifecycleService } from './controller-lifecycle.service';
import {
  CONTROLLER_CLOCK,
  CONTROLLER_CONFIG,
  CONTROLLER_LOG,
  CONTROLLER_LOGGER,
  CONTROLLER_METRICS,
  CONTROLLER_TIMERS,
  CONTROLLER_TOPOLOGY,
  ControllerLane,
} from './controller.tokens';
import { ControllerEngine } from './engine/controller-engine';
import { RoleChangeNotifier } from './engine/role-change-notifier';
import { BrokerHeartbeatManager } from './heartbeat/broker-heartbeat-manager';
import { HealthController } from './http/health.controller';
import { MetricsController } from './http/metrics.controller';
import { FileMetadataLog } from './metadata-log/file-metadata-log';
import type { MetadataLog } from './metadata-log/metadata-log';
import { RaftMetadataLog } from './metadata-log/raft-metadata-log';
import { type ControllerMetrics, createControllerMetrics } from './metrics/controller-metrics';
import { BrokerHeartbeatProcessor } from './processors/broker-heartbeat.processor';
import { ControllerAdminProcessor } from './processors/controller-admin.processor';
import { ControllerRequestProcessor } from './processors/controller-request.processor';
import { ReplicasInfoManager } from './replicas/replicas-info-manager';

/** What the process hands the app: validated config and topology, the root logger, and (in tests) a clock or a log. */
export interface ControllerRuntime {
  readonly config: ControllerConfig;
  readonly topology: ControllerTopology;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** The liveness scan, master scan and election retries; real timers unless a spec or simulator owns every wait. */
  readonly timers?: Timers;
  /** Replication; defaults to the single-node FileMetadataLog under controllerStorePath. */
  readonly log?: MetadataLog;
}

/** One controller: a local file log. Several: Raft among them (docs/controller.md#replication). */
function createMetadataLog(runtime: ControllerRuntime): MetadataLog {
  const { config, topology } = runtime;
  const logger = runtime.logger.child({ component: 'metadata-log' });
  if (topology.peers.length === 1)
    return new FileMetadataLog(config.controllerStorePath, { id: topology.selfId, address: topology.self.address }, logger);
  return new RaftMetadataLog({
    selfId: topology.selfId,
    peers: topology.peers,
    dataDir: config.controllerStorePath,
    electionTimeoutMs: config.raftElectionTimeoutMillis,
    heartbeatIntervalMs: config.raftHeartbeatIntervalMillis,
    snapshotEveryEntries: config.raftSnapshotEveryEntries,
    logger,
  });
}

/** Heartbeats get their own lane so a burst of elections never delays liveness. */
const LANES = [
  { name: ControllerLane.HEARTBEAT, maxInFlight: 256, maxQueued: 4096 },
  { name: ControllerLane.BROKER, maxInFlight: 64, maxQueued: 4096 },
  { name: ControllerLane.ADMIN, maxInFlight: 16, maxQueued: 256 },
];

function remotingOptions(runtime: ControllerRuntime, metrics: ControllerMetrics): RemotingServerModuleOptions {
  return {
    host: runtime.config.bindAddress,
    port: runtime.topology.self.port,
    lanes: LANES,
    hooks: [metrics.requestHook],
    logger: runtime.logger,
    drainTimeoutMs: runtime.config.shutdownDrainTimeoutMillis,
  };
}

/** Wiring only: the engine and managers are plain classes built here with useFactory; processors are discovered. */
@Module({})
export class ControllerModule {
  static forRoot(runtime: ControllerRuntime): DynamicModule {
    const metrics = createControllerMetrics(runtime.topology, runtime.config.bindAddress);
    const settings = new ControllerSettings(runtime.config);
    const clock = runtime.clock ?? systemClock;
    const timers = runtime.timers ?? systemClock;
    const log = runtime.log ?? createMetadataLog(runtime);
    const values = [
      { provide: CONTROLLER_CONFIG, useValue: runtime.config },
      { provide: CONTROLLER_TOPOLOGY, useValue: runtime.topology },
      { provide: CONTROLLER_LOGGER, useValue: runtime.logger },
      { provide: CONTROLLER_CLOCK, useValue: clock },
      { provide: CONTROLLER_TIMERS, useValue: timers },
      { provide: CONTROLLER_METRICS, useValue: metrics },
      { provide: CONTROLLER_LOG, useValue: log },
      { provide: ControllerSettings, useValue: settings },
    ];
    return {
      module: ControllerModule,
      imports: [RemotingServerModule.forRootAsync({ useFactory: () => remotingOptions(runtime, metrics) })],
      controllers: [HealthController, MetricsController],
      providers: [
        ...values,
        {
          provide: BrokerHeartbeatManager,
          useFactory: () =>
            new BrokerHeartbeatManager({
              clock,
              timers,
              logger: runtime.logger.child({ component: 'heartbeat' }),
              scanIntervalMs: runtime.config.scanNotActiveBrokerInterval,
            }),
        },
        {
          provide: ReplicasInfoManager,
          inject: [BrokerHeartbeatManager],
          useFactory: (heartbeats: BrokerHeartbeatManager) =>
            new ReplicasInfoManager(heartbeats, {
              get enableElectUncleanMaster() {
                return settings.current.enableElectUncleanMaster;
              },
            }),
        },
        {
          provide: ControllerEngine,
          inject: [ReplicasInfoManager, BrokerHeartbeatManager],
          useFactory: async (manager: ReplicasInfoManager, heartbeats: BrokerHeartbeatManager) => {
            const engine = new ControllerEngine({
              log,
              manager,
              heartbeats,
              notifier: new RoleChangeNotifier(
                new RemotingClient({ logger: runtime.logger }),
                runtime.logger.child({ component: 'notifier' }),
              ),
              logger: runtime.logger.child({ component: 'engine' }),
              settings: () => settings.current,
              timers,
              onElection: (result) => metrics.metricsRegistry.metrics.controllerElectionsTotal.labels({ result }).inc(),
            });
            // Replay before remoting starts: the first request sees the recovered state.
            await engine.start();
            return engine;
          },
        },
        ControllerLifecycleService,
        BrokerHeartbeatProcessor,
        ControllerRequestProcessor,
        ControllerAdminProcessor,
      ],
    };
  }
}
