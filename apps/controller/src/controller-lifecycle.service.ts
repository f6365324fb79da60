import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

import type { Logger } from '@rocketmq-ts/base';

import { CONTROLLER_LOGGER } from './controller.tokens';
import { ControllerEngine } from './engine/controller-engine';
import { BrokerHeartbeatManager } from './heartbeat/broker-heartbeat-manager';

/**
 * Starts and stops the plain-TS parts that own timers and files: the liveness scan runs while the
 * app is up; the engine's queue drains and the metadata log closes before the process exits. The
 * engine itself (log replay) starts in its provider factory, before remoting accepts requests.
 *
 * The liveness scan stops in onModuleDestroy, which Nest runs before any beforeApplicationShutdown
 * hook: the remoting server closes the brokers' connections in its own, and those closes must not
 * look like dead masters.
 */
@Injectable()
export class ControllerLifecycleService implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  constructor(
    private readonly heartbeats: BrokerHeartbeatManager,
    private readonly engine: ControllerEngine,
    @Inject(CONTROLLER_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.heartbeats.start();
  }

  onModuleDestroy(): void {
    this.heartbeats.stop();
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.info({ signal }, 'controller shutting down');
    await this.engine.stop();
  }
}
