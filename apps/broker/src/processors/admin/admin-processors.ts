import type { Provider } from '@nestjs/common';

import { join } from 'node:path';

import type { Clock, Logger } from '@rocketmq-ts/base';
import type { StoreConfig } from '@rocketmq-ts/store';
import { injectNamed } from '@rocketmq-ts/nest-remoting';

import { BROKER_CLOCK, BROKER_CONFIG, BROKER_LOGGER, STORE_CONFIG } from '../../broker.tokens';
import type { BrokerConfig } from '../../config/broker-config.schema';
import { BROKER_UPDATES_FILE, RuntimeBrokerConfig } from '../../config/runtime-config';
import { AtomicMetadataFile } from '../../persistence/metadata-file';
import { NamesrvRegistrar } from '../../registration/namesrv-registrar';
import { AdminQueryProcessor } from './admin-query.processor';
import { BrokerConfigProcessor } from './broker-config.processor';
import { BrokerStatsProcessor } from './broker-stats.processor';
import { ClientCallbackProcessor } from './client-callback.processor';
import { HaStatusProcessor } from './ha-status.processor';

interface RuntimeBrokerConfigDeps {
  readonly config: BrokerConfig;
  readonly storeConfig: StoreConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly registrar: NamesrvRegistrar;
}

const runtimeBrokerConfigTokens = {
  config: BROKER_CONFIG,
  storeConfig: STORE_CONFIG,
  clock: BROKER_CLOCK,
  logger: BROKER_LOGGER,
  registrar: NamesrvRegistrar,
};

/** The admin codes of docs/admin.md#request-codes and what they need beyond the core managers. */
export const brokerAdminProcessors: Provider[] = [
  {
    provide: RuntimeBrokerConfig,
    ...injectNamed(runtimeBrokerConfigTokens, async ({ config, storeConfig, clock, logger, registrar }: RuntimeBrokerConfigDeps) => {
      const runtimeConfig = new RuntimeBrokerConfig(
        config,
        new AtomicMetadataFile(join(storeConfig.storePathConfig, BROKER_UPDATES_FILE)),
        clock,
        logger.child({ component: 'broker-config' }),
      );
      await runtimeConfig.load();
      // A new permission reaches the name servers at once, as Java re-registers on brokerPermission.
      runtimeConfig.onChange((changed) => {
        if (changed.includes('brokerPermission')) void registrar.requestRegister();
      });
      return runtimeConfig;
    }),
  },
  AdminQueryProcessor,
  BrokerStatsProcessor,
  BrokerConfigProcessor,
  ClientCallbackProcessor,
  HaStatusProcessor,
];
