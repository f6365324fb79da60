import type { HAConfig } from '@rocketmq-ts/ha';

import type { BrokerConfig } from '../config/broker-config.schema';

/** The broker keys libs/ha reads, under its own names (units added). */
export function haSettingsOf(config: BrokerConfig): Partial<HAConfig> {
  return {
    haSendHeartbeatIntervalMs: config.haSendHeartbeatInterval,
    haHousekeepingIntervalMs: config.haHousekeepingInterval,
    haTransferBatchSize: config.haTransferBatchSize,
    haSlaveFallbehindMax: config.haSlaveFallbehindMax,
  };
}
