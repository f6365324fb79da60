import { type DynamicModule, Module } from '@nestjs/common';

import { type Clock, type Logger, systemClock, type Timers } from '@rocketmq-ts/base';
import { MalformedRequestReporter } from '@rocketmq-ts/remoting';
import type { MessageStore, StoreConfig } from '@rocketmq-ts/store';

import type { BrokerConfig } from './config/broker-config.schema';
import { withPersistedUpdates } from './config/runtime-config';
import { toStoreConfig } from './config/store-config-mapping';
import { brokerMetricsOptions, createBrokerMetrics } from './metrics/broker-metrics';
import { openBrokerAcl } from './acl/broker-acl';
import {
  BROKER_ACL,
  BROKER_CLOCK,
  BROKER_CONFIG,
  BROKER_LOGGER,
  BROKER_METRICS,
  BROKER_TIMERS,
  MALFORMED_REQUESTS,
  STORE_CONFIG,
} from './broker.tokens';
import type { MessageStoreDeps } from './store/message-store.provider';

/** Opens the message store; main.ts passes the real one, specs may pass a fake of the port. */
export type MessageStoreFactory = (storeConfig: StoreConfig, deps: MessageStoreDeps) => Promise<MessageStore>;

/** What the process hands the app: validated config, the root logger, and (in tests) a manual clock and store. */
export interface BrokerRuntime {
  readonly config: BrokerConfig;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** The services' timers; real ones unless a spec or simulator owns every wait. */
  readonly timers?: Timers;
  /** Default: the store opened by `openMessageStore` (store/message-store.provider.ts). */
  readonly openStore?: MessageStoreFactory;
  /** Process metrics (CPU, GC) in /metrics; specs turn them off. Default true. */
  readonly collectDefaultMetrics?: boolean;
}

/**
 * Global values every other module may inject (config, logger, clock, metrics, the malformed
 * request reporter, store config, the ACL).
 * Global so that RemotingServerModule.forRootAsync's factory can inject them too.
 */
@Module({})
export class BrokerRuntimeModule {
  static forRoot(runtime: BrokerRuntime): DynamicModule {
    const clock = runtime.clock ?? systemClock;
    const metrics = createBrokerMetrics(brokerMetricsOptions(runtime));
    const malformedRequests = new MalformedRequestReporter({
      logger: runtime.logger.child({ component: 'remoting' }),
      clock,
      count: metrics.malformedRequest,
    });
    // A mutable copy with the run-time updates of earlier runs applied (config/runtime-config.ts).
    const config = withPersistedUpdates(runtime.config, toStoreConfig(runtime.config).storePathConfig, runtime.logger);
    const providers = [
      { provide: BROKER_CONFIG, useValue: config },
      { provide: BROKER_LOGGER, useValue: runtime.logger },
      { provide: BROKER_CLOCK, useValue: clock },
      { provide: BROKER_TIMERS, useValue: runtime.timers ?? systemClock },
      { provide: BROKER_METRICS, useValue: metrics },
      { provide: MALFORMED_REQUESTS, useValue: malformedRequests },
      { provide: STORE_CONFIG, useValue: toStoreConfig(config) },
      // Opened here, before Nest builds anything: an unreadable plain_acl.yml fails the start at once.
      { provide: BROKER_ACL, useValue: openBrokerAcl(config, runtime.logger) ?? null },
    ];
    return { module: BrokerRuntimeModule, global: true, providers, exports: providers.map((provider) => provider.provide) };
  }
}
