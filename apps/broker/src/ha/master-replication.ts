import { type Logger, systemClock } from '@rocketmq-ts/base';
import { HAServer, type HAMasterStore, type HAServerStats } from '@rocketmq-ts/ha';
import type { PutMessageResult } from '@rocketmq-ts/store';

import type { BrokerConfig } from '../config/broker-config.schema';
import { haSettingsOf } from './ha-settings';

export interface MasterReplicationOptions {
  readonly config: BrokerConfig;
  readonly store: HAMasterStore;
  readonly logger: Logger;
}

/**
 * A master's side of replication: the HA server slaves connect to, and for SYNC_MASTER the wait
 * that turns a stored put into "stored on a slave too" (docs/store-and-ha.md#replication). ASYNC_MASTER puts never
 * wait: `afterPut` hands their result back unchanged.
 */
export class MasterReplication {
  private readonly server: HAServer;
  private readonly syncMaster: boolean;
  private readonly slaveTimeoutMs: number;
  private readonly store: HAMasterStore;

  constructor(options: MasterReplicationOptions) {
    this.store = options.store;
    // Real time and real timers, whatever the broker runs on: ack deadlines and heartbeats are about sockets.
    this.server = new HAServer({ store: options.store, logger: options.logger, config: haSettingsOf(options.config), clock: systemClock });
    this.syncMaster = options.config.brokerRole === 'SYNC_MASTER';
    this.slaveTimeoutMs = options.config.slaveTimeout;
  }

  /** Binds the HA port; a port in use fails the broker's start, as in Java. */
  listen(port: number, host: string): Promise<number> {
    return this.server.listen(port, host);
  }

  /**
   * SYNC_MASTER with WAIT not false: resolves once a slave has acknowledged the put's last byte,
   * or with FLUSH_SLAVE_TIMEOUT after slaveTimeout, or SLAVE_NOT_AVAILABLE at once when no slave
   * is connected or the nearest lags more than haSlaveFallbehindMax. A replication problem
   * replaces a flush timeout in the status (Java sets the flush status, then the replica one).
   */
  async afterPut(result: PutMessageResult, waitStoreMsgOK: boolean): Promise<PutMessageResult> {
    if (!this.syncMaster || !waitStoreMsgOK) return result;
    const append = result.appendResult;
    if (append === undefined || (result.status !== 'PUT_OK' && result.status !== 'FLUSH_DISK_TIMEOUT')) return result;
    const status = await this.server.waitForSlaveAck(append.wroteOffset + append.wroteBytes, this.slaveTimeoutMs);
    return status === 'PUT_OK' ? result : { ...result, status, remark: undefined };
  }

  /** A slave is connected and within haSlaveFallbehindMax of the log's end: the next put can be acknowledged. */
  slaveAvailable(): boolean {
    return this.server.isSlaveOk(this.store.getMaxPhyOffset());
  }

  stats(): HAServerStats {
    return this.server.stats();
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
