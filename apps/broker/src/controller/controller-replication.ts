/**
 * Replication of a controller-mode broker (docs/controller-mode-broker.md): the role is whatever the
 * controller says, switched at runtime without a restart.
 *
 * - FENCED (start, until the ReplicasManager settles a role): puts refused, no name-server
 *   registration.
 * - MASTER: the store takes puts; the AutoSwitch HA server streams to slaves and holds SYNC puts
 *   by the SyncStateSet rules; shrink checks every checkSyncStateSetPeriod; set changes go to the
 *   controller (1001) and the committed set is adopted. Registers as brokerId 0.
 * - SLAVE: the store takes only replicated bytes; the AutoSwitch HA client follows the master
 *   whose HA address the name server returns, cutting any divergent tail first. Registers with
 *   its controller id.
 * Every registration carries stateVersion = masterEpoch, so a name server prefers the newest
 * master (RocketMQ #6316).
 *
 * A role change is serialized by the ReplicasManager; listeners run after it (re-registration).
 */
import { join } from 'node:path';

import { type Logger, systemClock, type TimerHandle } from '@rocketmq-ts/base';
import { splitAddressList } from '@rocketmq-ts/base';
import { AutoSwitchHAClient, AutoSwitchHAServer, replicaStoreOf } from '@rocketmq-ts/ha';
import type { RemotingClient } from '@rocketmq-ts/remoting';
import { type DefaultMessageStore, EpochFile, type PutMessageResult } from '@rocketmq-ts/store';

import type { BrokerConfig } from '../config/broker-config.schema';
import { haListenPortOf } from '../config/replication-role';
import { haSettingsOf } from '../ha/ha-settings';
import type { SyncStateSetBody } from './controller-requests';
import { type ReplicaRole, type ReplicaRoleTarget, ReplicasManager } from './replicas-manager';

export interface ControllerReplicationOptions {
  readonly config: BrokerConfig;
  readonly store: DefaultMessageStore;
  readonly client: RemotingClient;
  readonly logger: Logger;
}

export type RoleListener = (role: ReplicaRole) => void;

const MASTER_BROKER_ID = 0;

export class ControllerReplication implements ReplicaRoleTarget {
  readonly epochs: EpochFile;
  private readonly config: BrokerConfig;
  private readonly store: DefaultMessageStore;
  private readonly logger: Logger;
  private readonly replicaStore: ReturnType<typeof replicaStoreOf>;
  private manager: ReplicasManager | undefined;
  private server: AutoSwitchHAServer | undefined;
  private haClient: AutoSwitchHAClient | undefined;
  private shrinkTimer: TimerHandle | undefined;
  private haPort = 0;
  private masterAddr: string | undefined;
  private readonly listeners: RoleListener[] = [];
  private altering = false;

  constructor(private readonly options: ControllerReplicationOptions) {
    this.config = options.config;
    this.store = options.store;
    this.logger = options.logger.child({ component: 'controller-mode' });
    this.epochs = EpochFile.open(
      options.config.storePathEpochFile || join(options.config.storePathRootDir, 'epochFileCheckpoint'),
      this.logger,
    );
    this.replicaStore = replicaStoreOf(options.store, this.epochs);
    // Retention deleted old segments: epochs wholly below the new start name bytes no replica can
    // serve any more (docs/controller-mode-broker.md#epoch-file).
    options.store.onCommitLogSegmentsDeleted((minOffset) => this.epochs.truncateBelow(minOffset));
  }

  /** Starts fenced, then registers with the controller in the background. */
  async start(listenPort: number): Promise<void> {
    await this.store.setRole('SLAVE');
    this.haPort = haListenPortOf(this.config, listenPort);
    const heartbeatTimeout = this.config.sendHeartbeatTimeoutMillis;
    this.manager = new ReplicasManager({
      clusterName: this.config.brokerClusterName,
      brokerName: this.config.brokerName,
      brokerAddress: `${this.config.brokerIP1}:${listenPort}`,
      controllerAddrs: splitAddressList(this.config.controllerAddr),
      storePathRootDir: this.config.storePathRootDir,
      client: this.options.client,
      target: this,
      logger: this.logger,
      requestTimeoutMs: Math.max(3_000, heartbeatTimeout),
      heartbeatIntervalMs: this.config.brokerHeartbeatInterval,
      controllerHeartBeatTimeoutMills: this.config.controllerHeartBeatTimeoutMills,
      syncBrokerMetadataPeriodMs: this.config.syncBrokerMetadataPeriod,
      syncControllerMetadataPeriodMs: this.config.syncControllerMetadataPeriod,
      electionPriority: this.config.brokerElectionPriority,
      retryIntervalMs: 5_000,
    });
    this.logger.info({ controllers: this.config.controllerAddr }, 'controller mode: fenced until the controller settles a role');
    await this.manager.start();
  }

  async stop(): Promise<void> {
    this.manager?.stop();
    systemClock.clearInterval(this.shrinkTimer);
    await this.server?.close();
    await this.haClient?.stop();
  }

  role(): ReplicaRole {
    return this.manager?.role() ?? 'FENCED';
  }

  onRoleChange(listener: RoleListener): void {
    this.listeners.push(listener);
  }

  /** The id to register with name servers: 0 as master, the controller id as slave; undefined while fenced. */
  registrationBrokerId(): number | undefined {
    const role = this.role();
    if (role === 'FENCED') return undefined;
    return role === 'MASTER' ? MASTER_BROKER_ID : this.manager?.brokerId();
  }

  masterEpoch(): number {
    return this.manager?.getMasterEpoch() ?? 0;
  }

  /** The master's remoting address while a slave (metadata sync). */
  currentMasterAddr(): string | undefined {
    return this.role() === 'SLAVE' ? this.masterAddr : undefined;
  }

  /** The name server's answer to a slave's registration names the master's HA address. */
  onMasterHaAddress(haServerAddr: string | undefined): void {
    if (this.role() === 'SLAVE' && haServerAddr !== undefined && haServerAddr !== '') this.haClient?.setMasterAddress(haServerAddr);
  }

  onRoleChangedNotification(ext: Record<string, string> | undefined, body: Buffer | undefined): void {
    this.manager?.onRoleChangedNotification(ext, body);
  }

  /** SYNC put: waits per the SyncStateSet rules (controller-mode masters are always SYNC_MASTER). */
  async afterPut(result: PutMessageResult, waitStoreMsgOK: boolean): Promise<PutMessageResult> {
    const server = this.server;
    const append = result.appendResult;
    if (
      server === undefined ||
      !waitStoreMsgOK ||
      append === undefined ||
      (result.status !== 'PUT_OK' && result.status !== 'FLUSH_DISK_TIMEOUT')
    )
      return result;
    const status = await server.waitForAcks(append.wroteOffset + append.wroteBytes, this.config.slaveTimeout);
    if (status === 'PUT_OK') return result;
    if (status === 'FLUSH_SLAVE_TIMEOUT') return { ...result, status, remark: undefined };
    return { ...result, status: 'UNKNOWN_ERROR', remark: 'in-sync replicas not enough' };
  }

  stats(): Record<string, unknown> {
    return {
      role: this.role(),
      masterEpoch: this.masterEpoch(),
      brokerId: this.manager?.brokerId(),
      epochs: this.epochs.list(),
      ...(this.server?.stats() ?? {}),
      ...(this.haClient?.stats() ?? {}),
    };
  }

  // ReplicaRoleTarget

  async becomeMaster(masterEpoch: number, syncStateSet: SyncStateSetBody | undefined): Promise<void> {
    const brokerId = this.manager?.brokerId() as number;
    await this.haClient?.stop();
    this.haClient = undefined;
    // Everything this broker holds is the new truth (its slaves cut to it), so dispatch all of it
    // before queue offsets are rebuilt; the HA server then holds at the set's confirm offset.
    this.store.holdConfirmOffset(undefined);
    await this.store.setRole('SYNC_MASTER');
    const last = this.epochs.lastEntry();
    if (last !== undefined && last.epoch >= masterEpoch)
      this.logger.warn({ masterEpoch, lastEpoch: last.epoch }, 'the epoch file already has this epoch or a newer one');
    else this.epochs.append({ epoch: masterEpoch, startOffset: this.store.getMaxPhyOffset() });
    if (this.server === undefined) {
      this.server = new AutoSwitchHAServer({
        store: this.replicaStore,
        logger: this.logger,
        localId: brokerId,
        rules: {
          allAckInSyncStateSet: this.config.allAckInSyncStateSet,
          inSyncReplicas: this.config.inSyncReplicas,
          minInSyncReplicas: this.config.minInSyncReplicas,
          haMaxTimeSlaveNotCatchupMs: this.config.haMaxTimeSlaveNotCatchup,
        },
        config: haSettingsOf(this.config),
        clock: systemClock,
        onSyncStateSetChange: (proposal) => void this.report(proposal),
      });
      await this.server.listen(this.haPort, this.config.bindAddress);
      // Real timers, as the HA server's: in-sync membership is about sockets, not the broker's clock.
      this.shrinkTimer = systemClock.setInterval(() => this.server?.checkShrink(), this.config.checkSyncStateSetPeriod);
      this.shrinkTimer.unref();
    }
    if (syncStateSet !== undefined) this.server.setSyncStateSet(new Set(syncStateSet.syncStateSet), syncStateSet.syncStateSetEpoch);
    this.masterAddr = undefined;
    this.logger.info({ masterEpoch, brokerId, maxOffset: this.store.getMaxPhyOffset() }, 'this broker is now the MASTER');
  }

  async becomeSlave(masterEpoch: number, masterBrokerId: number, masterAddress: string): Promise<void> {
    systemClock.clearInterval(this.shrinkTimer);
    this.shrinkTimer = undefined;
    await this.server?.close();
    this.server = undefined;
    await this.store.setRole('SLAVE');
    this.masterAddr = masterAddress;
    if (this.haClient === undefined) {
      this.haClient = new AutoSwitchHAClient({
        store: this.replicaStore,
        logger: this.logger,
        localId: this.manager?.brokerId() as number,
        syncFromLastFile: this.config.syncFromLastFile,
        asyncLearner: this.config.asyncLearner,
        config: haSettingsOf(this.config),
        clock: systemClock,
      });
      this.haClient.start();
    }
    this.logger.info({ masterEpoch, masterBrokerId, masterAddress }, 'this broker is now a SLAVE');
  }

  adoptSyncStateSet(syncStateSet: SyncStateSetBody): void {
    this.server?.setSyncStateSet(new Set(syncStateSet.syncStateSet), syncStateSet.syncStateSetEpoch);
  }

  heartbeatFigures(): { epoch: number; maxOffset: number; confirmOffset: number } {
    const maxOffset = this.store.getMaxPhyOffset();
    return {
      epoch: this.epochs.lastEpoch(),
      maxOffset,
      confirmOffset: this.server?.confirmOffset() ?? this.haClient?.confirmOffset() ?? maxOffset,
    };
  }

  private async report(proposal: ReadonlySet<number>): Promise<void> {
    if (this.altering || this.manager === undefined) {
      // One report at a time; the next ack or shrink check proposes again.
      this.server?.dropProposal();
      return;
    }
    this.altering = true;
    try {
      const committed = await this.manager.alterSyncStateSet([...proposal]);
      if (committed === undefined) this.server?.dropProposal();
    } finally {
      this.altering = false;
    }
  }

  roleChanged(role: ReplicaRole): void {
    for (const listener of this.listeners) listener(role);
  }
}
