/**
 * The master's AutoSwitch HA service (docs/controller-mode-broker.md#sync-state-set): streams to slaves
 * (autoswitch-connection.ts), keeps the SyncStateSet's view of who is caught up, computes the
 * confirm offset and holds SYNC puts until the replicas the rules ask for have acknowledged.
 *
 * SyncStateSet (controller ids; always holds this master's own id):
 * - expand: an ACK from a non-member (not an async learner) at or past the confirm offset and the
 *   current epoch's start → `onSyncStateSetChange(proposal)`.
 * - shrink (`checkShrink`, every checkSyncStateSetPeriod): members without a connection, or not
 *   caught up within haMaxTimeSlaveNotCatchup → proposal without them. A member's connection
 *   closing proposes its removal at once.
 * The broker reports a proposal to the controller and calls `setSyncStateSet` with the result.
 * While a proposal is outstanding, acks count against the union of the old and proposed sets
 * (RocketMQ #5663: a committed expansion whose reply was lost must not weaken an ack).
 *
 * Confirm offset: min ACK over connected members (own max for itself); a member without a
 * connection keeps the previous value (#6662); a lone member or allAckInSyncStateSet=false → max.
 * The store holds dispatch there (`holdConfirmOffset`), so consumers never see a message a
 * failover could cut (docs/controller-mode-broker.md#confirm-offset).
 *
 * Put acks (`waitForAcks`): in-sync count below minInSyncReplicas → IN_SYNC_REPLICAS_NOT_ENOUGH;
 * allAckInSyncStateSet → every member acked; else inSyncReplicas - 1 slave acks from any
 * connection; slaveTimeout → FLUSH_SLAVE_TIMEOUT.
 */
import type { Socket } from 'node:net';

import type { Clock, Logger, Timers } from '@rocketmq-ts/base';

import { type HAConfig, haConfig } from '../ha-config';
import { haTimeOf } from '../ha-time';
import { HAListener } from '../master/ha-listener';
import { AutoSwitchConnection } from './autoswitch-connection';
import type { AutoSwitchMasterStore } from './autoswitch-store';

export type ReplicaAckStatus = 'PUT_OK' | 'FLUSH_SLAVE_TIMEOUT' | 'IN_SYNC_REPLICAS_NOT_ENOUGH';

export interface SyncStateRules {
  readonly allAckInSyncStateSet: boolean;
  readonly inSyncReplicas: number;
  readonly minInSyncReplicas: number;
  readonly haMaxTimeSlaveNotCatchupMs: number;
}

export interface AutoSwitchServerOptions {
  readonly store: AutoSwitchMasterStore;
  readonly logger: Logger;
  /** This master's controller id. */
  readonly localId: number;
  readonly rules: SyncStateRules;
  readonly config?: Partial<HAConfig>;
  readonly clock?: Clock;
  /** The housekeeping tick, reconnects and ack deadlines; real timers by default. */
  readonly timers?: Timers;
  /** A proposal for the controller (1001); answer with `setSyncStateSet`. */
  readonly onSyncStateSetChange?: (proposal: ReadonlySet<number>) => void;
}

export interface AutoSwitchSlaveStats {
  readonly slaveId: number;
  readonly remoteAddress: string;
  readonly state: string;
  readonly ackOffset: number;
  readonly lastCaughtUpMs: number;
  readonly asyncLearner: boolean;
}

export class AutoSwitchHAServer extends HAListener<AutoSwitchConnection> {
  private readonly store: AutoSwitchMasterStore;
  private readonly rules: SyncStateRules;
  private readonly localId: number;
  private syncStateSet: ReadonlySet<number>;
  private syncStateSetEpoch = 0;
  private proposal: ReadonlySet<number> | undefined;
  private confirmOffsetValue: number;

  constructor(private readonly options: AutoSwitchServerOptions) {
    super({
      config: haConfig(options.config),
      appended: options.store,
      logger: options.logger.child({ component: 'AutoSwitchHAServer' }),
      time: haTimeOf(options),
      names: {
        name: 'AutoSwitchHAServer',
        title: 'AutoSwitch HA server',
      },
    });
    this.store = options.store;
    this.rules = options.rules;
    this.localId = options.localId;
    this.syncStateSet = new Set([options.localId]);
    this.confirmOffsetValue = options.store.getMaxPhyOffset();
  }

  getSyncStateSet(): ReadonlySet<number> {
    return this.syncStateSet;
  }

  getSyncStateSetEpoch(): number {
    return this.syncStateSetEpoch;
  }

  /** The controller's set (1001 reply, 1004 poll, election). Clears an outstanding proposal. */
  setSyncStateSet(set: ReadonlySet<number>, epoch: number): void {
    this.syncStateSet = new Set([...set, this.localId]);
    this.syncStateSetEpoch = epoch;
    this.proposal = undefined;
    this.logger.info({ syncStateSet: [...this.syncStateSet], syncStateSetEpoch: epoch }, 'SyncStateSet adopted');
    this.recompute();
  }

  /** A proposal went unanswered or was refused: stop counting against it. */
  dropProposal(): void {
    this.proposal = undefined;
    this.recompute();
  }

  confirmOffset(): number {
    return this.confirmOffsetValue;
  }

  /** Members as acks count them: the union with an outstanding proposal. */
  private ackingMembers(): Set<number> {
    return new Set([...this.syncStateSet, ...(this.proposal ?? [])]);
  }

  inSyncReplicaCount(): number {
    return Math.max(this.syncStateSet.size, this.proposal?.size ?? 0);
  }

  /** SYNC put whose bytes end at `offset`: resolves when the rules' acks are there. */
  waitForAcks(offset: number, timeoutMs: number): Promise<ReplicaAckStatus> {
    if (this.inSyncReplicaCount() < this.rules.minInSyncReplicas) return Promise.resolve('IN_SYNC_REPLICAS_NOT_ENOUGH');
    if (this.rules.allAckInSyncStateSet ? this.ackingMembers().size <= 1 : this.rules.inSyncReplicas <= 1) return Promise.resolve('PUT_OK');
    return this.waiters.wait(offset, timeoutMs);
  }

  /** Members to drop now (no connection, or not caught up in time); undefined when none. Proposes it too. */
  checkShrink(): ReadonlySet<number> | undefined {
    const nowMs = this.clock.nowMs();
    const keep = new Set<number>([this.localId]);
    for (const member of this.syncStateSet) {
      if (member === this.localId) continue;
      const connection = this.connectionOf(member);
      if (connection !== undefined && nowMs - connection.lastCaughtUpMs <= this.rules.haMaxTimeSlaveNotCatchupMs) keep.add(member);
    }
    if (keep.size === this.syncStateSet.size) return undefined;
    this.propose(keep, 'shrink');
    return keep;
  }

  stats(): { readonly syncStateSet: number[]; readonly confirmOffset: number; readonly slaves: AutoSwitchSlaveStats[] } {
    const slaves = [...this.connections].map((c) => ({
      slaveId: c.slaveId,
      remoteAddress: c.remoteAddress,
      state: c.state,
      ackOffset: c.ackOffset(),
      lastCaughtUpMs: c.lastCaughtUpMs,
      asyncLearner: c.asyncLearner,
    }));
    return { syncStateSet: [...this.syncStateSet], confirmOffset: this.confirmOffsetValue, slaves };
  }

  private connectionOf(slaveId: number): AutoSwitchConnection | undefined {
    let best: AutoSwitchConnection | undefined;
    for (const connection of this.connections)
      if (
        connection.slaveId === slaveId &&
        connection.isTransferring() &&
        (best === undefined || connection.ackOffset() > best.ackOffset())
      )
        best = connection;
    return best;
  }

  private propose(set: ReadonlySet<number>, why: 'expand' | 'shrink'): void {
    this.proposal = set;
    this.logger.info({ from: [...this.syncStateSet], to: [...set], why }, `SyncStateSet ${why} proposed`);
    this.options.onSyncStateSetChange?.(set);
  }

  protected accept(socket: Socket): AutoSwitchConnection {
    return new AutoSwitchConnection(socket, {
      store: this.store,
      config: this.config,
      logger: this.logger,
      clock: this.clock,
      confirmOffset: () => this.confirmOffsetValue,
      onHandshake: () => undefined,
      onAck: this.onAck,
      onClosed: this.onClosed,
    });
  }

  private readonly onAck = (connection: AutoSwitchConnection, offset: number): void => {
    if (!connection.asyncLearner && !this.syncStateSet.has(connection.slaveId) && this.proposal === undefined) {
      const epochs = this.store.epochs.list();
      const epochStart = epochs[epochs.length - 1]?.startOffset ?? 0;
      if (offset >= this.confirmOffsetValue && offset >= epochStart)
        this.propose(new Set([...this.syncStateSet, connection.slaveId]), 'expand');
    }
    this.recompute();
  };

  private readonly onClosed = (connection: AutoSwitchConnection): void => {
    this.connections.delete(connection);
    if (this.syncStateSet.has(connection.slaveId) && this.connectionOf(connection.slaveId) === undefined && this.proposal === undefined) {
      this.propose(new Set([...this.syncStateSet].filter((member) => member !== connection.slaveId)), 'shrink');
    }
    this.recompute();
  };

  protected override onAppended(): void {
    super.onAppended();
    this.recompute();
  }

  /** The store's hold starts from this master's view at once. */
  protected override afterListen(): void {
    this.recompute();
  }

  /** Confirm offset and the ack level the waiters need, after any ack, set or log change. */
  private recompute(): void {
    const maxOffset = this.store.getMaxPhyOffset();
    const members = this.ackingMembers();
    let membersMin = maxOffset;
    let allConnected = true;
    for (const member of members) {
      if (member === this.localId) continue;
      const connection = this.connectionOf(member);
      if (connection === undefined) allConnected = false;
      else membersMin = Math.min(membersMin, connection.ackOffset());
    }
    const holding = this.rules.allAckInSyncStateSet && members.size > 1;
    if (!holding) this.confirmOffsetValue = maxOffset;
    else if (allConnected) this.confirmOffsetValue = Math.max(this.confirmOffsetValue, membersMin);
    // Consumers wait for the set only when puts do; otherwise every local byte counts as confirmed.
    this.store.holdConfirmOffset(holding ? this.confirmOffsetValue : undefined);
    if (this.rules.allAckInSyncStateSet) {
      if (allConnected) this.waiters.onAck(membersMin);
    } else if (this.rules.inSyncReplicas > 1) {
      const acks = [...this.connections]
        .filter((c) => c.isTransferring())
        .map((c) => c.ackOffset())
        .sort((a, b) => b - a);
      const needed = acks[this.rules.inSyncReplicas - 2];
      if (needed !== undefined) this.waiters.onAck(needed);
    }
  }
}
