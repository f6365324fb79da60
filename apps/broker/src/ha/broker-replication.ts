import type { Logger } from '@rocketmq-ts/base';
import type { HAClientStats, HAServerStats } from '@rocketmq-ts/ha';
import type { MessageStore, PutMessageResult } from '@rocketmq-ts/store';

import type { BrokerConfig } from '../config/broker-config.schema';
import { haListenPortOf, isSlave } from '../config/replication-role';
import type { ReplicationLagSource } from '../metrics/replication-lag-collector';
import type { PutReplication } from '../put/message-put-service';
import { asHAMasterStore, asHASlaveStore } from './ha-store-ports';
import { MasterReplication } from './master-replication';
import { type MasterInfo, SlaveReplication } from './slave-replication';

/**
 * The broker's replication role in one object: a master runs the HA server (and, as SYNC_MASTER,
 * holds each put until a slave has it), a slave runs the HA client. Started before the first
 * name-server register (so the advertised HA port answers), stopped before the store closes.
 */
export class BrokerReplication implements ReplicationLagSource, PutReplication {
  /** SYNC_MASTER: the send path must call `afterPut`; false lets ASYNC puts skip it entirely. */
  readonly waitsForSlaves: boolean;
  readonly slave: SlaveReplication | undefined;
  private readonly master: MasterReplication | undefined;

  constructor(
    private readonly config: BrokerConfig,
    store: MessageStore,
    private readonly logger: Logger,
  ) {
    if (isSlave(config)) {
      const slaveStore = asHASlaveStore(store);
      this.slave = slaveStore === undefined ? undefined : new SlaveReplication({ config, store: slaveStore, logger });
    } else {
      const masterStore = asHAMasterStore(store);
      this.master = masterStore === undefined ? undefined : new MasterReplication({ config, store: masterStore, logger });
    }
    if (this.slave === undefined && this.master === undefined) logger.warn({ brokerRole: config.brokerRole }, 'the message store cannot replicate; HA is off');
    this.waitsForSlaves = this.master !== undefined && config.brokerRole === 'SYNC_MASTER';
  }

  get isSlave(): boolean {
    return isSlave(this.config);
  }

  /** Master: binds the HA port (haListenPort, or listenPort + 1). Slave: starts copying. */
  async start(listenPort: number): Promise<void> {
    if (this.master !== undefined) {
      const port = await this.master.listen(haListenPortOf(this.config, listenPort), this.config.bindAddress);
      this.logger.info({ haPort: port, brokerRole: this.config.brokerRole }, 'HA service started');
    }
    this.slave?.start();
  }

  /** See MasterReplication.afterPut; only meaningful when `waitsForSlaves`. */
  afterPut(result: PutMessageResult, waitStoreMsgOK: boolean): Promise<PutMessageResult> {
    return this.master === undefined ? Promise.resolve(result) : this.master.afterPut(result, waitStoreMsgOK);
  }

  /** See MasterReplication.slaveAvailable; false on a slave or without HA. */
  slaveAvailable(): boolean {
    return this.master?.slaveAvailable() ?? false;
  }

  /** A register round's answer about the group's master. */
  onRegistered(info: MasterInfo): void {
    this.slave?.onMasterInfo(info);
  }

  /** For a slave: is its master reachable (replication streaming)? A master is its own master. */
  masterOnline(): boolean {
    return this.slave === undefined ? !this.isSlave : this.slave.isReplicating();
  }

  /** The HA server's figures on a master (replication lag gauges); undefined on a slave or without HA. */
  masterStats(): HAServerStats | undefined {
    return this.master?.stats();
  }

  /** The HA client's figures on a slave (replication lag gauges); undefined on a master or without HA. */
  slaveStats(): HAClientStats | undefined {
    return this.slave?.stats();
  }

  /** Figures for logs and runtime info. */
  stats(): Record<string, unknown> {
    if (this.master !== undefined) return { role: this.config.brokerRole, ...this.master.stats() };
    if (this.slave !== undefined) return { role: this.config.brokerRole, ...this.slave.stats() };
    return { role: this.config.brokerRole };
  }

  async stop(): Promise<void> {
    await this.master?.close();
    await this.slave?.stop();
  }
}
