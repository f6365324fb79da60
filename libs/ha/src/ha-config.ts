/**
 * HA settings, named after RocketMQ's MessageStoreConfig keys (docs/store-and-ha.md#replication) with units added.
 */
export interface HAConfig {
  /** Slave: report the max offset at least this often; master: heartbeat frame after this long idle. */
  readonly haSendHeartbeatIntervalMs: number;
  /** Either side closes a connection that has been silent this long. */
  readonly haHousekeepingIntervalMs: number;
  /** Largest frame body the master sends (and the slave accepts). */
  readonly haTransferBatchSize: number;
  /** SYNC_MASTER: a slave more than this far behind the master's write position is "not available". */
  readonly haSlaveFallbehindMax: number;
  /**
   * Master: bytes read from the commit log per file read while a slave is behind, cut into frames
   * of haTransferBatchSize (fewer, larger reads when catching up; not a RocketMQ key).
   */
  readonly haReadAheadBytes: number;
  /** Slave: first reconnect delay after the master went away; doubled up to the max. */
  readonly haReconnectMinDelayMs: number;
  /** Slave: longest reconnect delay (RocketMQ waits a flat 5 s). */
  readonly haReconnectMaxDelayMs: number;
}

const KIB = 1024;
const MIB = 1024 * KIB;

export const DEFAULT_HA_CONFIG: HAConfig = {
  haSendHeartbeatIntervalMs: 5_000,
  haHousekeepingIntervalMs: 20_000,
  haTransferBatchSize: 32 * KIB,
  haSlaveFallbehindMax: 256 * MIB,
  haReadAheadBytes: 1 * MIB,
  haReconnectMinDelayMs: 100,
  haReconnectMaxDelayMs: 5_000,
};

export function haConfig(overrides: Partial<HAConfig> = {}): HAConfig {
  return { ...DEFAULT_HA_CONFIG, ...overrides };
}

/** How often the HA timers look at their connections: a fraction of the shortest interval, at most 1 s. */
export function housekeepingTickMs(config: HAConfig): number {
  return Math.max(10, Math.min(1_000, Math.floor(Math.min(config.haSendHeartbeatIntervalMs, config.haHousekeepingIntervalMs) / 5)));
}
