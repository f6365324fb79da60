/**
 * The broker's side of controller mode (docs/controller-mode-broker.md#start-up), RocketMQ's
 * ReplicasManager: finds the controller leader, gets a permanent controller id (identity files),
 * registers, heartbeats, nominates itself when no master exists, polls for replica info, and
 * turns every newer master epoch it learns (reply, poll or 1008 notification) into one role change
 * on the `ReplicaRoleTarget`.
 *
 * Invariants:
 * - the broker is fenced (`isRegistered()` false: no writes, no name-server registration) until
 *   the first role is settled;
 * - epochs only move forward: a view whose masterEpoch is not above the local one is ignored,
 *   except that a master adopts a newer SyncStateSet of its own epoch;
 * - role changes run one at a time, in the order they were learned.
 *
 * Timers are unref'd; `stop` clears them. Every controller call is bounded by requestTimeoutMs;
 * a failed step is retried from the start of registration after retryIntervalMs.
 */
import { randomInt } from 'node:crypto';
import { join } from 'node:path';

import { type Clock, type Logger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';
import type { ExtFields, RemotingCommand } from '@rocketmq-ts/protocol';
import type { RemotingClient } from '@rocketmq-ts/remoting';
import { IdentityFile } from '@rocketmq-ts/store';

import {
  ControllerResponseCode,
  controllerRequests,
  decodeSyncStateSet,
  leaderAddressOf,
  type MasterView,
  masterViewOf,
  nextBrokerIdOf,
  type SyncStateSetBody,
} from './controller-requests';

export interface ReplicaRoleTarget {
  /** This broker is the master of `masterEpoch`; the set is the controller's current one. */
  becomeMaster(masterEpoch: number, syncStateSet: SyncStateSetBody | undefined): Promise<void>;
  becomeSlave(masterEpoch: number, masterBrokerId: number, masterAddress: string): Promise<void>;
  /** A master adopts a newer set of its own epoch. */
  adoptSyncStateSet(syncStateSet: SyncStateSetBody): void;
  /** After a switch, once role, epoch and master are all current here (re-registration reads them). */
  roleChanged(role: ReplicaRole): void;
  /** Figures for the heartbeat: the last epoch, max and confirm offsets. */
  heartbeatFigures(): { readonly epoch: number; readonly maxOffset: number; readonly confirmOffset: number };
}

export interface ReplicasManagerOptions {
  readonly clusterName: string;
  readonly brokerName: string;
  /** `brokerIP1:listenPort`, what the controller and the name servers know this broker by. */
  readonly brokerAddress: string;
  readonly controllerAddrs: readonly string[];
  readonly storePathRootDir: string;
  readonly client: RemotingClient;
  readonly target: ReplicaRoleTarget;
  readonly logger: Logger;
  readonly requestTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly controllerHeartBeatTimeoutMills: number;
  readonly syncBrokerMetadataPeriodMs: number;
  readonly syncControllerMetadataPeriodMs: number;
  readonly electionPriority: number;
  readonly retryIntervalMs: number;
  /** The registerCheckCode stamp. Default: the system clock. */
  readonly clock?: Clock;
  /** Heartbeats, metadata polls and registration retries. Default: real timers. */
  readonly timers?: Timers;
}

export type ReplicaRole = 'FENCED' | 'MASTER' | 'SLAVE';

export class ReplicasManager {
  private readonly logger: Logger;
  private readonly identityFile: IdentityFile<{ clusterName: string; brokerName: string; brokerId: number }>;
  private readonly tempIdentityFile: ReturnType<typeof IdentityFile.temp>;
  private leader: string | undefined;
  private brokerIdValue: number | undefined;
  private masterEpoch = 0;
  private syncStateSetEpoch = 0;
  private roleValue: ReplicaRole = 'FENCED';
  private masterAddressValue: string | undefined;
  private chain: Promise<void> = Promise.resolve();
  private intervals: TimerHandle[] = [];
  private retryTimer: TimerHandle | undefined;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private stopped = false;

  constructor(private readonly options: ReplicasManagerOptions) {
    this.logger = options.logger.child({ component: 'ReplicasManager' });
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemClock;
    this.identityFile = IdentityFile.final(join(options.storePathRootDir, 'brokerIdentity'));
    this.tempIdentityFile = IdentityFile.temp(join(options.storePathRootDir, 'brokerIdentity-temp'));
  }

  /** The controller id (≥ 1) once assigned. */
  brokerId(): number | undefined {
    return this.brokerIdValue;
  }

  role(): ReplicaRole {
    return this.roleValue;
  }

  getMasterEpoch(): number {
    return this.masterEpoch;
  }

  masterAddress(): string | undefined {
    return this.masterAddressValue;
  }

  /** Starts registration in the background; resolves after the first attempt (registered or not). */
  async start(): Promise<void> {
    const periodic = (ms: number, run: () => Promise<void>): void => {
      const timer = this.timers.setInterval(
        () => void run().catch((error: unknown) => this.logger.warn({ err: error }, 'controller task failed')),
        ms,
      );
      timer.unref();
      this.intervals.push(timer);
    };
    periodic(this.options.heartbeatIntervalMs, () => this.heartbeat());
    periodic(this.options.syncBrokerMetadataPeriodMs, () => this.poll());
    periodic(this.options.syncControllerMetadataPeriodMs, () => this.discoverLeader());
    await this.startUp();
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.intervals) this.timers.clearInterval(timer);
    this.timers.clearTimeout(this.retryTimer);
  }

  /** NOTIFY_BROKER_ROLE_CHANGED (1008): same handling as a poll reply. */
  onRoleChangedNotification(ext: ExtFields | undefined, body: Buffer | undefined): void {
    void this.apply(masterViewOf(ext), decodeSyncStateSet(body), '1008 notification');
  }

  /** A master's SyncStateSet proposal (1001); resolves to the set the controller committed, if it did. */
  async alterSyncStateSet(proposal: readonly number[]): Promise<SyncStateSetBody | undefined> {
    const brokerId = this.brokerIdValue;
    if (this.roleValue !== 'MASTER' || brokerId === undefined) return undefined;
    const reply = await this.call(
      controllerRequests.alterSyncStateSet(this.options.brokerName, brokerId, this.masterEpoch, {
        syncStateSet: proposal,
        syncStateSetEpoch: this.syncStateSetEpoch,
      }),
    );
    if (reply?.code !== ControllerResponseCode.SUCCESS) {
      this.logger.info({ proposal, code: reply?.code, remark: reply?.remark }, 'SyncStateSet change refused');
      return undefined;
    }
    const committed = decodeSyncStateSet(reply.body);
    if (committed !== undefined && committed.syncStateSetEpoch > this.syncStateSetEpoch) {
      this.syncStateSetEpoch = committed.syncStateSetEpoch;
      this.options.target.adoptSyncStateSet(committed);
    }
    return committed;
  }

  private async startUp(): Promise<void> {
    if (this.stopped || this.roleValue !== 'FENCED') return;
    try {
      if (await this.registerOnce()) return;
    } catch (error) {
      this.logger.warn({ err: error }, 'controller registration failed');
    }
    this.retryTimer = this.timers.setTimeout(() => void this.startUp(), this.options.retryIntervalMs);
    this.retryTimer.unref();
  }

  /** One pass of the start-up steps; true once a role is settled. */
  private async registerOnce(): Promise<boolean> {
    if (this.leader === undefined) await this.discoverLeader();
    if (this.leader === undefined) return false;
    const brokerId = await this.ensureBrokerId();
    if (brokerId === undefined) return false;
    const reply = await this.call(
      controllerRequests.register(this.options.clusterName, this.options.brokerName, brokerId, this.options.brokerAddress),
    );
    if (reply?.code !== ControllerResponseCode.SUCCESS) {
      this.logger.warn({ code: reply?.code, remark: reply?.remark }, 'CONTROLLER_REGISTER_BROKER refused');
      return false;
    }
    await this.heartbeat();
    const view = masterViewOf(reply.extFields);
    if (view.masterBrokerId !== undefined && view.masterAddress !== undefined) {
      await this.apply(view, decodeSyncStateSet(reply.body), 'register reply');
    } else {
      const elected = await this.electSelf();
      if (elected !== undefined) await this.apply(elected, undefined, 'election');
    }
    return this.roleValue !== 'FENCED';
  }

  /** 1002 for this broker; the elected (or still existing) master's view, undefined when nobody was elected. */
  private async electSelf(): Promise<MasterView | undefined> {
    const brokerId = this.brokerIdValue;
    if (brokerId === undefined) return undefined;
    const reply = await this.call(controllerRequests.electMaster(this.options.clusterName, this.options.brokerName, brokerId));
    if (reply?.code === ControllerResponseCode.SUCCESS || reply?.code === ControllerResponseCode.CONTROLLER_MASTER_STILL_EXIST)
      return masterViewOf(reply.extFields);
    this.logger.info({ code: reply?.code, remark: reply?.remark }, 'self-nomination did not elect a master');
    return undefined;
  }

  /** The controller id from brokerIdentity, else from brokerIdentity-temp or a new 1012/1013 round. */
  private async ensureBrokerId(): Promise<number | undefined> {
    if (this.brokerIdValue !== undefined) return this.brokerIdValue;
    const { clusterName, brokerName } = this.options;
    const final = this.identityFile.read();
    if (final.kind === 'ok') {
      if (final.identity.clusterName !== clusterName || final.identity.brokerName !== brokerName) {
        this.logger.error(
          { file: this.identityFile.path, found: final.identity, clusterName, brokerName },
          'brokerIdentity names another broker; remove it to join this replica set',
        );
        return undefined;
      }
      return (this.brokerIdValue = final.identity.brokerId);
    }
    if (final.kind === 'bad')
      this.logger.warn({ file: this.identityFile.path, reason: final.reason }, 'brokerIdentity unreadable; applying for an id again');
    let temp = this.tempIdentityFile.read();
    if (temp.kind !== 'ok' || temp.identity.clusterName !== clusterName || temp.identity.brokerName !== brokerName) {
      const next = await this.call(controllerRequests.getNextBrokerId(clusterName, brokerName));
      const nextBrokerId = nextBrokerIdOf(next?.extFields);
      if (next?.code !== ControllerResponseCode.SUCCESS || nextBrokerId === undefined) return undefined;
      const identity = {
        clusterName,
        brokerName,
        brokerId: nextBrokerId,
        registerCheckCode: `${this.options.brokerAddress};${this.clock.nowMs()}`,
      };
      this.tempIdentityFile.write(identity);
      temp = { kind: 'ok', identity };
    }
    const applied = await this.call(
      controllerRequests.applyBrokerId(clusterName, brokerName, temp.identity.brokerId, temp.identity.registerCheckCode),
    );
    if (applied?.code !== ControllerResponseCode.SUCCESS) {
      this.logger.info(
        { brokerId: temp.identity.brokerId, code: applied?.code, remark: applied?.remark },
        'broker id not granted; applying for the next one',
      );
      this.tempIdentityFile.remove();
      await this.timers.sleep(randomInt(100, 1_000));
      return undefined;
    }
    this.identityFile.write({ clusterName, brokerName, brokerId: temp.identity.brokerId });
    this.tempIdentityFile.remove();
    this.logger.info({ brokerId: temp.identity.brokerId }, 'controller id assigned');
    return (this.brokerIdValue = temp.identity.brokerId);
  }

  private async discoverLeader(): Promise<void> {
    for (const address of this.options.controllerAddrs) {
      const reply = await this.callAt(address, controllerRequests.getMetadata());
      const leader = leaderAddressOf(reply?.extFields);
      if (leader !== undefined) {
        if (leader !== this.leader) this.logger.info({ leader }, 'controller leader');
        this.leader = leader;
        return;
      }
    }
  }

  private async heartbeat(): Promise<void> {
    const brokerId = this.brokerIdValue;
    if (brokerId === undefined || this.stopped) return;
    const figures = this.options.target.heartbeatFigures();
    const request = controllerRequests.heartbeat({
      clusterName: this.options.clusterName,
      brokerName: this.options.brokerName,
      brokerAddr: this.options.brokerAddress,
      brokerId,
      epoch: figures.epoch,
      maxOffset: figures.maxOffset,
      confirmOffset: figures.confirmOffset,
      heartbeatTimeoutMills: this.options.controllerHeartBeatTimeoutMills,
      electionPriority: this.options.electionPriority,
    });
    await Promise.all(
      this.options.controllerAddrs.map((address) => this.options.client.invokeOneway(address, request).catch(() => undefined)),
    );
  }

  private async poll(): Promise<void> {
    if (this.roleValue === 'FENCED' || this.stopped) return;
    const reply = await this.call(controllerRequests.getReplicaInfo(this.options.brokerName));
    if (reply?.code === ControllerResponseCode.CONTROLLER_BROKER_METADATA_NOT_EXIST) {
      const brokerId = this.brokerIdValue;
      if (brokerId !== undefined)
        await this.call(
          controllerRequests.register(this.options.clusterName, this.options.brokerName, brokerId, this.options.brokerAddress),
        );
      return;
    }
    if (reply?.code === ControllerResponseCode.SUCCESS)
      await this.apply(masterViewOf(reply.extFields), decodeSyncStateSet(reply.body), 'poll');
  }

  /** Queues the reaction to a master view (docs/controller-mode-broker.md#role-change); resolves when it has run. */
  private apply(view: MasterView, syncStateSet: SyncStateSetBody | undefined, source: string): Promise<void> {
    const run = (): Promise<void> => this.react(view, syncStateSet, source);
    this.chain = this.chain.then(run, run).catch((error: unknown) => this.logger.error({ err: error, source }, 'role change failed'));
    return this.chain;
  }

  /**
   * The role-change rules (docs/controller-mode-broker.md#start-up) for one view; runs inside the chain (never calls
   * `apply`, which would wait for itself).
   */
  private async react(view: MasterView, syncStateSet: SyncStateSetBody | undefined, source: string): Promise<void> {
    if (this.stopped) return;
    if (view.masterEpoch > this.masterEpoch) {
      if (view.masterBrokerId === undefined || view.masterAddress === undefined) {
        // A newer epoch without a master (a failed controller-side election): nominate ourselves.
        this.logger.info({ masterEpoch: view.masterEpoch, source }, 'newer epoch without a master; nominating this broker');
        const elected = await this.electSelf();
        if (elected !== undefined && elected.masterBrokerId !== undefined && elected.masterEpoch > this.masterEpoch)
          await this.changeRole(elected, undefined, 'election');
        return;
      }
      await this.changeRole(view, syncStateSet, source);
    } else if (
      view.masterEpoch === this.masterEpoch &&
      this.roleValue === 'MASTER' &&
      syncStateSet !== undefined &&
      syncStateSet.syncStateSetEpoch > this.syncStateSetEpoch
    ) {
      this.syncStateSetEpoch = syncStateSet.syncStateSetEpoch;
      this.options.target.adoptSyncStateSet(syncStateSet);
    }
  }

  private async changeRole(view: MasterView, syncStateSet: SyncStateSetBody | undefined, source: string): Promise<void> {
    const masterBrokerId = view.masterBrokerId as number;
    const masterAddress = view.masterAddress as string;
    this.logger.info({ masterEpoch: view.masterEpoch, masterBrokerId, masterAddress, source, self: this.brokerIdValue }, 'master changed');
    if (masterBrokerId === this.brokerIdValue) {
      const set = syncStateSet ?? { syncStateSet: [masterBrokerId], syncStateSetEpoch: view.syncStateSetEpoch ?? 0 };
      await this.options.target.becomeMaster(view.masterEpoch, set);
      this.roleValue = 'MASTER';
      this.syncStateSetEpoch = set.syncStateSetEpoch;
    } else {
      await this.options.target.becomeSlave(view.masterEpoch, masterBrokerId, masterAddress);
      this.roleValue = 'SLAVE';
    }
    this.masterEpoch = view.masterEpoch;
    this.masterAddressValue = masterAddress;
    this.options.target.roleChanged(this.roleValue);
  }

  private async call(request: RemotingCommand): Promise<RemotingCommand | undefined> {
    if (this.leader === undefined) await this.discoverLeader();
    const leader = this.leader;
    if (leader === undefined) return undefined;
    const reply = await this.callAt(leader, request);
    if (reply === undefined || reply.code === ControllerResponseCode.CONTROLLER_NOT_LEADER) this.leader = undefined;
    return reply;
  }

  private async callAt(address: string, request: RemotingCommand): Promise<RemotingCommand | undefined> {
    try {
      return await this.options.client.invoke(address, request, this.options.requestTimeoutMs);
    } catch (error) {
      this.logger.debug({ err: error, controller: address, code: request.code }, 'controller call failed');
      return undefined;
    }
  }
}
