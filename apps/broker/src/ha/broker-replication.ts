import type { Logger } from '@rocketmq-ts/base';
import type { HAClientStats, HAServerStats } from '@rocketmq-ts/ha';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { DefaultMessageStore, type MessageStore, type PutMessageResult } from '@rocketmq-ts/store';

import type { BrokerConfig } from '../config/broker-config.schema';
import { haListenPortOf, isSlave } from '../config/replication-role';
import { ControllerReplication } from '../controller/controller-replication';
import type { ReplicationLagSource } from '../metrics/replication-lag-collector';
import type { PutReplication } from '../put/message-put-service';
import { asHAMasterStore, asHASlaveStore } from './ha-store-ports';
import { MasterReplication } from './master-replication';
import { type MasterInfo, SlaveReplication } from './slave-replication';
import { brokerClientSecurity } from '../acl/broker-client-security';

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
  /** enableControllerMode: the role is the controller's, switched at runtime (docs/controller-mode-broker.md). */
  readonly controller: ControllerReplication | undefined;

  constructor(
    private readonly config: BrokerConfig,
    store: MessageStore,
    private readonly logger: Logger,
  ) {
    if (config.enableControllerMode && store instanceof DefaultMessageStore) {
      this.controller = new ControllerReplication({
        config,
        store,
        client: new RemotingClient({ logger, ...brokerClientSecurity(config) }),
        logger,
      });
    } else if (isSlave(config)) {
      const slaveStore = asHASlaveStore(store);
      this.slave = slaveStore === undefined ? undefined : new SlaveReplication({ config, store: slaveStore, logger });
    } else {
      const masterStore = asHAMasterStore(store);
      this.master = masterStore === undefined ? undefined : new MasterReplication({ config, store: masterStore, logger });
    }
    if (this.slave === undefined && this.master === undefined && this.controller === undefined)
      logger.warn({ brokerRole: config.brokerRole }, 'the message store cannot replicate; HA is off');
    this.waitsForSlaves = this.controller !== undefined || (this.master !== undefined && config.brokerRole === 'SYNC_MASTER');
  }

  brokerName(): string {
    return this.config.brokerName;
  }

  clusterName(): string {
    return this.config.brokerClusterName;
  }

  /** In controller mode also while fenced: the put pipeline refuses either way. */
  get isSlave(): boolean {
    if (this.controller !== undefined) return this.controller.role() !== 'MASTER';
    return isSlave(this.config);
  }

  /** Master: binds the HA port (haListenPort, or listenPort + 1). Slave: starts copying. */
  async start(listenPort: number): Promise<void> {
    if (this.controller !== undefined) return this.controller.start(listenPort);
    if (this.master !== undefined) {
      const port = await this.master.listen(haListenPortOf(this.config, listenPort), this.config.bindAddress);
      this.logger.info({ haPort: port, brokerRole: this.config.brokerRole }, 'HA service started');
    }
    this.slave?.start();
  }

  /** See MasterReplication.afterPut; only meaningful when `waitsForSlaves`. */
  afterPut(result: PutMessageResult, waitStoreMsgOK: boolean): Promise<PutMessageResult> {
    if (this.controller !== undefined) return this.controller.afterPut(result, waitStoreMsgOK);
    return this.master === undefined ? Promise.resolve(result) : this.master.afterPut(result, waitStoreMsgOK);
  }

  /** See MasterReplication.slaveAvailable; false on a slave or without HA. */
  slaveAvailable(): boolean {
    // Controller mode: the SyncStateSet rules decide at ack time (IN_SYNC_REPLICAS_NOT_ENOUGH, FLUSH_SLAVE_TIMEOUT).
    if (this.controller !== undefined) return true;
    return this.master?.slaveAvailable() ?? false;
  }

  /** A register round's answer about the group's master. */
  onRegistered(info: MasterInfo): void {
    this.controller?.onMasterHaAddress(info.haServerAddr);
    this.slave?.onMasterInfo(info);
  }

  /** For a slave: is its master reachable (replication streaming)? A master is its own master. */
  masterOnline(): boolean {
    if (this.controller !== undefined) return this.controller.role() === 'MASTER' || this.controller.currentMasterAddr() !== undefined;
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
    if (this.controller !== undefined) return this.controller.stats();
    if (this.master !== undefined) return { role: this.config.brokerRole, ...this.master.stats() };
    if (this.slave !== undefined) return { role: this.config.brokerRole, ...this.slave.stats() };
    return { role: this.config.brokerRole };
  }

  async stop(): Promise<void> {
    await this.controller?.stop();
    await this.master?.close();
    await this.slave?.stop();
  }
}
