import { type Logger, systemClock } from '@rocketmq-ts/base';
import { HAClient, type HAClientStats, type HASlaveStore } from '@rocketmq-ts/ha';

import type { BrokerConfig } from '../config/broker-config.schema';
import { haSettingsOf } from './ha-settings';

/** What a REGISTER_BROKER round told a slave about its master (both unset while it is down). */
export interface MasterInfo {
  /** The master's remoting address (metadata sync). */
  readonly masterAddr?: string;
  /** The master's HA address (replication). */
  readonly haServerAddr?: string;
}

export interface SlaveReplicationOptions {
  readonly config: BrokerConfig;
  readonly store: HASlaveStore;
  readonly logger: Logger;
}

export type MasterAddrListener = (masterAddr: string | undefined) => void;

/**
 * A slave's side of replication (docs/store-and-ha.md#replication): the HA client copying the master's commit
 * log, pointed at `haMasterAddress` when configured, else at the HA address each name-server
 * register round returns. A round without a master keeps the last address: the client keeps
 * redialing it, so a master restarted in place is picked up without waiting for a round.
 */
export class SlaveReplication {
  private readonly client: HAClient;
  private readonly staticHaAddress: boolean;
  private readonly logger: Logger;
  private masterAddr: string | undefined;
  private readonly listeners: MasterAddrListener[] = [];

  constructor(options: SlaveReplicationOptions) {
    this.logger = options.logger;
    const configured = options.config.haMasterAddress;
    this.staticHaAddress = configured !== '';
    this.client = new HAClient({
      store: options.store,
      logger: options.logger,
      masterAddress: this.staticHaAddress ? configured : undefined,
      config: haSettingsOf(options.config),
      clock: systemClock,
    });
  }

  start(): void {
    this.client.start();
    if (!this.staticHaAddress) this.logger.info('slave waits for the name server to name its master');
  }

  /** One register round's answer. */
  onMasterInfo(info: MasterInfo): void {
    if (!this.staticHaAddress && info.haServerAddr !== undefined && info.haServerAddr !== '')
      this.client.setMasterAddress(info.haServerAddr);
    const masterAddr = info.masterAddr === '' ? undefined : info.masterAddr;
    if (masterAddr === this.masterAddr) return;
    this.logger.info(
      { from: this.masterAddr, to: masterAddr },
      masterAddr === undefined ? 'the name server lists no master for this group' : 'master of this group',
    );
    this.masterAddr = masterAddr;
    for (const listener of this.listeners) listener(masterAddr);
  }

  onMasterAddrChange(listener: MasterAddrListener): void {
    this.listeners.push(listener);
  }

  /** The master's remoting address from the last register round. */
  currentMasterAddr(): string | undefined {
    return this.masterAddr;
  }

  /** Streaming from the master right now: what "the master is online" means to a slave's pulls. */
  isReplicating(): boolean {
    return this.client.isConnected();
  }

  stats(): HAClientStats {
    return this.client.stats();
  }

  stop(): Promise<void> {
    return this.client.stop();
  }
}
