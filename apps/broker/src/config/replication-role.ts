import type { BrokerConfig } from './broker-config.schema';

/** Broker id of a group's master (Java's MixAll.MASTER_ID). */
export const MASTER_BROKER_ID = 0;

export interface ReplicationRoleCheck {
  /** The config to run with: a master's brokerId forced to 0, as Java's BrokerStartup does. */
  readonly config: BrokerConfig;
  /** One line per problem that stops the start, `key: why`. */
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

export function isSlave(config: Pick<BrokerConfig, 'brokerRole'>): boolean {
  return config.brokerRole === 'SLAVE';
}

/**
 * Whether delay levels, transaction checks, timer delivery and POP revive start at boot: on a classic
 * master, yes; in controller mode never, since the broker starts fenced and they follow its role
 * (controller/master-only-services.ts).
 */
export function startsMasterOnlyWork(config: Pick<BrokerConfig, 'brokerRole' | 'enableControllerMode'>): boolean {
  return !isSlave(config) && !config.enableControllerMode;
}

/**
 * The fast ("VIP") port (docs/admin.md#the-fast-port): fastListenPort, or listenPort - 2 when it is 0
 * (Java's BrokerController); undefined when off (-1) or when the remoting port is ephemeral (0, specs).
 */
export function fastListenPortOf(config: Pick<BrokerConfig, 'fastListenPort'>, listenPort: number): number | undefined {
  if (config.fastListenPort === -1) return undefined;
  if (config.fastListenPort > 0) return config.fastListenPort;
  return listenPort > 2 ? listenPort - 2 : undefined;
}

/** The HA port: haListenPort, or listenPort + 1 when it is 0 (Java's BrokerStartup default). */
export function haListenPortOf(config: Pick<BrokerConfig, 'haListenPort'>, listenPort: number): number {
  return config.haListenPort === 0 ? listenPort + 1 : config.haListenPort;
}

/**
 * The cross-key rules of brokerRole and brokerId (docs/store-and-ha.md#replication). Java exits when a slave has
 * brokerId 0 and silently sets a master's brokerId to 0; we do both, and say so.
 */
export function checkReplicationRole(config: BrokerConfig): ReplicationRoleCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  let checked = config;
  if (config.enableControllerMode) {
    // The controller assigns ids and roles (docs/controller-mode-broker.md#start-up).
    if (config.controllerAddr === '') errors.push('controllerAddr: enableControllerMode=true needs the controllers, host:port;host:port');
    if (config.minInSyncReplicas > config.inSyncReplicas && !config.allAckInSyncStateSet)
      warnings.push(`minInSyncReplicas: ${config.minInSyncReplicas} is above inSyncReplicas ${config.inSyncReplicas}`);
    warnings.push('brokerRole, brokerId: ignored in controller mode (the controller elects the master and assigns a permanent id)');
    // Built as a SYNC_MASTER (Java: a controller-mode master always is); the role is switched at runtime, fenced first.
    checked = Object.freeze({ ...config, brokerRole: 'SYNC_MASTER' as const, brokerId: MASTER_BROKER_ID });
  } else if (isSlave(config)) {
    if (config.brokerId <= MASTER_BROKER_ID)
      errors.push(`brokerId: a SLAVE needs brokerId > 0 (1 for the first slave of the group), got ${config.brokerId}`);
  } else {
    if (config.brokerId !== MASTER_BROKER_ID) {
      warnings.push(
        `brokerId: a ${config.brokerRole} registers as brokerId 0; the configured ${config.brokerId} is ignored (set brokerRole=SLAVE for a slave)`,
      );
      checked = Object.freeze({ ...config, brokerId: MASTER_BROKER_ID });
    }
    if (config.haMasterAddress !== '')
      warnings.push(`haMasterAddress: ignored by a ${config.brokerRole} (only slaves connect to a master)`);
  }
  if (config.listenPort !== 0 && haListenPortOf(config, config.listenPort) === config.listenPort) {
    errors.push(`haListenPort: ${config.haListenPort} is the remoting listenPort; the HA service needs its own port`);
  }
  if (config.listenPort !== 0 && haListenPortOf(config, config.listenPort) === config.httpPort) {
    errors.push(`haListenPort: ${haListenPortOf(config, config.listenPort)} is also the httpPort; set haListenPort or httpPort apart`);
  }
  return { config: checked, errors, warnings };
}
