import { type Logger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';
import { ElectMasterResponseBody, ElectMasterResponseHeader, ResponseCode } from '@rocketmq-ts/protocol';

import type { BrokerHeartbeatManager, BrokerLiveInfo } from '../heartbeat/broker-heartbeat-manager';
import type { MetadataLog } from '../metadata-log/metadata-log';
import { decodeControllerEvent, encodeControllerEvent } from '../replicas/controller-events';
import type { ControllerDecision, ControllerReply, ReplicasInfoManager } from '../replicas/replicas-info-manager';
import type { RoleChangeNotifier } from './role-change-notifier';

export interface ControllerEngineOptions {
  readonly log: MetadataLog;
  readonly manager: ReplicasInfoManager;
  readonly heartbeats: BrokerHeartbeatManager;
  readonly notifier: RoleChangeNotifier;
  readonly logger: Logger;
  /** Read on every use, so UPDATE_CONTROLLER_CONFIG takes effect at once. */
  readonly settings: () => {
    readonly scanInactiveMasterInterval: number;
    readonly electMasterMaxRetryCount: number;
    readonly electMasterRetryIntervalMillis: number;
    readonly notifyBrokerRoleChanged: boolean;
    readonly enableElectUncleanMaster: boolean;
  };
  readonly onElection?: (outcome: 'elected' | 'no-master' | 'failed') => void;
  /**
   * How long a new leader trusts its heartbeat table only for "alive", not for "dead": brokers
   * heartbeat every controller, but one that just started has heard nobody yet. Java's default
   * broker heartbeat timeout (10 s) is the natural value.
   */
  readonly livenessGraceMs?: number;
  readonly now?: () => number;
  /** The master scan and election retries; real timers by default. */
  readonly timers?: Timers;
}

const DEFAULT_LIVENESS_GRACE_MS = 10_000;

const WAIT_FOR_HEARTBEATS: ControllerDecision = {
  reply: {
    code: ResponseCode.CONTROLLER_ELECT_MASTER_FAILED,
    remark: 'This controller became leader moments ago and has not heard from the master yet; retry later',
  },
  events: [],
};

export const NOT_LEADER_REPLY: ControllerReply = {
  code: ResponseCode.CONTROLLER_NOT_LEADER,
  remark: 'The controller is not in leader state',
};

/**
 * Runs the state machine behind the request processors (docs/controller.md#replication).
 *
 * Invariants:
 *   - one queue: "decide against current state → append events → apply on commit → reply" runs
 *     for one request at a time, so every decision sees the state its events apply to;
 *   - only a ready leader decides: the log's live role, and after winning leadership the node
 *     first commits a no-op (READ) so everything the previous leader committed is applied;
 *   - state changes only through the log's apply callback, in log order, on every node;
 *   - an append that does not commit answers SYSTEM_ERROR (or NOT_LEADER) and changes nothing
 *     locally; the client retries.
 */
export class ControllerEngine {
  private queue: Promise<unknown> = Promise.resolve();
  private ready = false;
  private readySinceMs = 0;
  private readonly electing = new Set<string>();
  private scanTimer: TimerHandle | undefined;
  private stopped = false;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: ControllerEngineOptions) {}

  private get timers(): Timers {
    return this.options.timers ?? systemClock;
  }

  async start(): Promise<void> {
    const { log, manager, heartbeats, logger } = this.options;
    await log.start({
      apply: (entry) => manager.apply(decodeControllerEvent(entry)),
      snapshot: () => manager.snapshot(),
      restore: (snapshot) => manager.restore(snapshot),
    });
    heartbeats.onBrokerInactive((info) => this.onBrokerInactive(info));
    this.unsubscribe = log.onLeadershipChange((isLeader) => void this.onLeadershipChange(isLeader));
    if (log.isLeader()) await this.onLeadershipChange(true);
    this.scheduleScan();
    logger.info({ leader: log.leader(), isLeader: log.isLeader() }, 'controller engine started');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.clearTimeout(this.scanTimer);
    this.unsubscribe?.();
    await this.queue.catch(() => undefined);
    await this.options.notifier.close();
    await this.options.log.stop();
  }

  /** A ready leader: its role is live and its own no-op entry has committed. */
  isLeader(): boolean {
    return this.ready && this.options.log.isLeader();
  }

  /** Decides and commits a leader-only request; NOT_LEADER elsewhere. */
  submit(decide: () => ControllerDecision): Promise<ControllerReply> {
    const run = this.queue.then(() => this.decideAndCommit(decide));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Leader-only read: same queue, so it never sees half a request's events. */
  read(decide: () => ControllerDecision): Promise<ControllerReply> {
    return this.submit(decide);
  }

  /** 1002 from a broker or an admin: an election, then the role-change notifications. */
  async elect(decide: () => ControllerDecision, brokerName: string): Promise<ControllerReply> {
    const reply = await this.submit(() => (this.masterUnheardInGrace(brokerName) ? WAIT_FOR_HEARTBEATS : decide()));
    if (reply.code === ResponseCode.SUCCESS) this.afterElection(brokerName, reply);
    this.options.onElection?.(reply.code === ResponseCode.SUCCESS ? 'elected' : 'failed');
    return reply;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /**
   * True while this leader is new and has not heard from the set's master at all: its silence
   * then means nothing yet, so no election may replace it (a broker retries 1002 every few seconds).
   */
  private masterUnheardInGrace(brokerName: string): boolean {
    if (this.now() - this.readySinceMs >= (this.options.livenessGraceMs ?? DEFAULT_LIVENESS_GRACE_MS)) return false;
    const master = this.options.manager.syncState(brokerName)?.masterBrokerId;
    return master !== undefined && !this.options.heartbeats.hasHeardFrom(brokerName, master);
  }

  private async decideAndCommit(decide: () => ControllerDecision): Promise<ControllerReply> {
    if (!this.isLeader()) return NOT_LEADER_REPLY;
    const decision = decide();
    for (const event of decision.events) {
      const outcome = await this.options.log.append(encodeControllerEvent(event));
      if (outcome.kind === 'not-leader') return NOT_LEADER_REPLY;
      if (outcome.kind === 'failed') {
        this.options.logger.error({ event: event.type, reason: outcome.reason }, 'metadata log append failed');
        return { code: ResponseCode.SYSTEM_ERROR, remark: `metadata log append failed: ${outcome.reason}` };
      }
    }
    return decision.reply;
  }

  private async onLeadershipChange(isLeader: boolean): Promise<void> {
    this.ready = false;
    if (!isLeader) {
      this.options.logger.info('controller lost leadership');
      return;
    }
    // Serve only after an entry of our own term commits: everything before it is then applied here.
    const run = this.queue.then(() => this.options.log.append(encodeControllerEvent({ type: 'READ' })));
    this.queue = run.catch(() => undefined);
    const outcome = await run;
    if (outcome.kind === 'committed' && this.options.log.isLeader()) {
      this.ready = true;
      this.readySinceMs = this.now();
      this.options.logger.info({ index: outcome.index }, 'controller is leader and serving');
    } else {
      this.options.logger.warn({ outcome }, 'leadership no-op did not commit; not serving');
    }
  }

  private onBrokerInactive(info: BrokerLiveInfo): void {
    if (!this.isLeader()) return;
    const state = this.options.manager.syncState(info.brokerName);
    if (state?.masterBrokerId !== info.brokerId) return;
    this.options.logger.warn({ brokerName: info.brokerName, brokerId: info.brokerId }, 'master is inactive; electing a new one');
    void this.electForDeadMaster(info.brokerName, info.clusterName);
  }

  /** Controller-triggered election (brokerId -1), retried while it does not produce a master. */
  private async electForDeadMaster(brokerName: string, clusterName: string): Promise<void> {
    if (this.electing.has(brokerName)) return;
    this.electing.add(brokerName);
    try {
      const settings = this.options.settings();
      for (let attempt = 1; attempt <= settings.electMasterMaxRetryCount && !this.stopped; attempt++) {
        const reply = await this.submit(() =>
          this.masterUnheardInGrace(brokerName)
            ? WAIT_FOR_HEARTBEATS
            : this.options.manager.electMaster({ clusterName, brokerName, brokerId: -1, designateElect: false }),
        );
        if (reply.code === ResponseCode.SUCCESS) {
          this.options.onElection?.('elected');
          this.afterElection(brokerName, reply);
          return;
        }
        if (reply.code === ResponseCode.CONTROLLER_MASTER_STILL_EXIST || reply.code === ResponseCode.CONTROLLER_NOT_LEADER) return;
        this.options.onElection?.(reply.code === ResponseCode.CONTROLLER_MASTER_NOT_AVAILABLE ? 'no-master' : 'failed');
        this.options.logger.warn(
          { brokerName, attempt, code: reply.code, remark: reply.remark },
          'controller-triggered election found no master',
        );
        await new Promise((resolve) => this.timers.setTimeout(() => resolve(undefined), settings.electMasterRetryIntervalMillis).unref());
      }
    } finally {
      this.electing.delete(brokerName);
    }
  }

  private afterElection(brokerName: string, reply: ControllerReply): void {
    const header = ElectMasterResponseHeader.decode(reply.extFields);
    this.options.logger.info({ brokerName, ...header }, 'elected a new master');
    if (!this.options.settings().notifyBrokerRoleChanged) return;
    if (
      header.masterBrokerId === undefined ||
      header.masterAddress === undefined ||
      header.masterEpoch === undefined ||
      header.syncStateSetEpoch === undefined
    )
      return;
    const body = reply.body ? ElectMasterResponseBody.decode(reply.body) : undefined;
    const replicas = this.options.manager.replicaInfo(brokerName);
    const addresses: string[] = [];
    for (const id of replicas?.brokers.keys() ?? []) {
      const live = this.options.heartbeats.liveInfo(brokerName, id);
      if (live && this.options.heartbeats.isAlive(brokerName, id)) addresses.push(live.brokerAddr);
    }
    this.options.notifier.notify(
      {
        brokerName,
        masterBrokerId: header.masterBrokerId,
        masterAddress: header.masterAddress,
        masterEpoch: header.masterEpoch,
        syncStateSetEpoch: header.syncStateSetEpoch,
        syncStateSet: body?.syncStateSet ?? [header.masterBrokerId],
      },
      addresses,
    );
  }

  /** The leader's periodic look for sets whose master is gone while a candidate lives. */
  private scheduleScan(): void {
    if (this.stopped) return;
    this.scanTimer = this.timers.setTimeout(() => {
      this.scanInactiveMasters();
      this.scheduleScan();
    }, this.options.settings().scanInactiveMasterInterval);
    this.scanTimer.unref();
  }

  private scanInactiveMasters(): void {
    if (!this.isLeader()) return;
    const { manager, heartbeats } = this.options;
    const unclean = this.options.settings().enableElectUncleanMaster;
    for (const brokerName of manager.brokerNames()) {
      const state = manager.syncState(brokerName);
      const replicas = manager.replicaInfo(brokerName);
      // masterEpoch 0: never elected; the first broker nominates itself.
      if (!state || !replicas || state.masterEpoch === 0) continue;
      if (state.masterBrokerId !== undefined && heartbeats.isAlive(brokerName, state.masterBrokerId)) continue;
      const pool = unclean ? [...replicas.brokers.keys()] : [...state.syncStateSet];
      if (pool.some((id) => heartbeats.isAlive(brokerName, id))) void this.electForDeadMaster(brokerName, state.clusterName);
    }
  }
}
