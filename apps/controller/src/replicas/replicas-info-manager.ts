import { unreachable } from '@rocketmq-ts/base';
import {
  type AlterSyncStateSetRequestHeader,
  AlterSyncStateSetResponseHeader,
  type ApplyBrokerIdRequestHeader,
  ApplyBrokerIdResponseHeader,
  BrokerReplicasInfo,
  type CleanControllerBrokerDataRequestHeader,
  type ElectMasterRequestHeader,
  ElectMasterResponseBody,
  ElectMasterResponseHeader,
  type ExtFields,
  type GetNextBrokerIdRequestHeader,
  GetNextBrokerIdResponseHeader,
  GetReplicaInfoResponseHeader,
  type RegisterBrokerToControllerRequestHeader,
  RegisterBrokerToControllerResponseHeader,
  type ReplicaIdentity,
  type ReplicasInfo,
  ResponseCode,
  SyncStateSet,
} from '@rocketmq-ts/protocol';

import type { ControllerEvent } from './controller-events';
import { electMaster } from './elect-policy';
import type { BrokerLiveness, BrokerReplicaInfo, SyncStateInfo } from './replica-state';

/** What a request becomes: the reply to send once `events` are committed (none for a refusal or a read). */
export interface ControllerDecision {
  readonly reply: ControllerReply;
  readonly events: readonly ControllerEvent[];
}

export interface ControllerReply {
  readonly code: number;
  readonly remark?: string;
  readonly extFields?: ExtFields;
  readonly body?: Buffer;
}

export interface ReplicasManagerOptions {
  /** Repeat an election over every registered replica when no in-sync one is alive (may lose data). */
  readonly enableElectUncleanMaster: boolean;
}

function refuse(code: number, remark: string, extFields?: ExtFields, body?: Buffer): ControllerDecision {
  return { reply: { code, remark, extFields, body }, events: [] };
}

function ok(reply: Omit<ControllerReply, 'code'>, events: readonly ControllerEvent[] = []): ControllerDecision {
  return { reply: { code: ResponseCode.SUCCESS, ...reply }, events };
}

/**
 * The controller's state machine (docs/controller.md#replicated-state), plain and deterministic:
 *
 *   - request methods only read state (and the liveness view) and return a decision: the reply
 *     and the events that make it true; they never change state;
 *   - `apply` is the only mutator; it runs for committed events, in log order, on every
 *     controller, and on replay at start;
 *   - callers serialize "decide → commit → apply", so a decision is always made against the state
 *     its events will be applied to (the engine's queue does this).
 *
 * Refusals carry the 2000–2016 codes and the remark text Java uses where it matters to tools.
 */
export class ReplicasInfoManager {
  private readonly syncStates = new Map<string, SyncStateInfo>();
  private readonly replicas = new Map<string, BrokerReplicaInfo>();

  constructor(
    private readonly liveness: BrokerLiveness,
    private readonly options: ReplicasManagerOptions,
  ) {}

  // ---- reads used by the engine -------------------------------------------------------------

  brokerNames(): string[] {
    return [...this.syncStates.keys()];
  }

  syncState(brokerName: string): Readonly<SyncStateInfo> | undefined {
    return this.syncStates.get(brokerName);
  }

  replicaInfo(brokerName: string): Readonly<BrokerReplicaInfo> | undefined {
    return this.replicas.get(brokerName);
  }

  // ---- requests -----------------------------------------------------------------------------

  /** 1001: the master proposes a new SyncStateSet. */
  alterSyncStateSet(header: AlterSyncStateSetRequestHeader, proposal: SyncStateSet): ControllerDecision {
    const failed = (code: number, remark: string) =>
      refuse(code, remark, AlterSyncStateSetResponseHeader.encode({ newSyncStateSetEpoch: 0 }));
    const state = this.syncStates.get(header.brokerName);
    const replicas = this.replicas.get(header.brokerName);
    if (!state || !replicas)
      return failed(
        ResponseCode.CONTROLLER_ALTER_SYNC_STATE_SET_FAILED,
        `Rejecting alter syncStateSet request because broker set ${header.brokerName} does not exist`,
      );
    const proposed = new Set(proposal.syncStateSet);
    if (sameSet(proposed, state.syncStateSet)) {
      return failed(
        ResponseCode.CONTROLLER_ALTER_SYNC_STATE_SET_FAILED,
        'The newSyncStateSet is equal with oldSyncStateSet, no needed to update syncStateSet',
      );
    }
    if (state.masterBrokerId === undefined || state.masterBrokerId !== header.masterBrokerId) {
      return failed(
        ResponseCode.CONTROLLER_INVALID_MASTER,
        `Rejecting alter syncStateSet request because the current leader is:{${state.masterBrokerId ?? 'null'}}, not {${header.masterBrokerId ?? 'null'}}`,
      );
    }
    if (header.masterEpoch !== state.masterEpoch) {
      return failed(
        ResponseCode.CONTROLLER_FENCED_MASTER_EPOCH,
        `Rejecting alter syncStateSet request because the current master epoch is:{${state.masterEpoch}}, not {${header.masterEpoch ?? 'null'}}`,
      );
    }
    if (proposal.syncStateSetEpoch !== state.syncStateSetEpoch) {
      return failed(
        ResponseCode.CONTROLLER_FENCED_SYNC_STATE_SET_EPOCH,
        `Rejecting alter syncStateSet request because the current syncStateSet epoch is:{${state.syncStateSetEpoch}}, not {${proposal.syncStateSetEpoch}}`,
      );
    }
    for (const id of proposed) {
      if (!replicas.brokers.has(id))
        return failed(
          ResponseCode.CONTROLLER_INVALID_REPLICAS,
          `Rejecting alter syncStateSet request because the replicas {${id}} don't exist`,
        );
      if (!this.liveness.isAlive(header.brokerName, id))
        return failed(
          ResponseCode.CONTROLLER_BROKER_NOT_ALIVE,
          `Rejecting alter syncStateSet request because the replicas {${id}} don't alive`,
        );
    }
    if (!proposed.has(state.masterBrokerId)) {
      return failed(
        ResponseCode.CONTROLLER_ALTER_SYNC_STATE_SET_FAILED,
        `Rejecting alter syncStateSet request because the newSyncStateSet don't contains origin leader {${state.masterBrokerId}}`,
      );
    }
    const newEpoch = state.syncStateSetEpoch + 1;
    return ok(
      {
        extFields: AlterSyncStateSetResponseHeader.encode({ newSyncStateSetEpoch: newEpoch }),
        body: SyncStateSet.encode({ syncStateSet: [...proposed], syncStateSetEpoch: newEpoch }),
      },
      [{ type: 'ALTER_SYNC_STATE_SET', brokerName: header.brokerName, newSyncStateSet: [...proposed].sort((a, b) => a - b) }],
    );
  }

  /**
   * 1002: elect a master. `brokerId` -1 means the controller triggered it (a dead master); then a
   * failed election still commits "no master" so brokers see a newer epoch and nominate themselves.
   */
  electMaster(header: ElectMasterRequestHeader): ControllerDecision {
    const state = this.syncStates.get(header.brokerName);
    const replicas = this.replicas.get(header.brokerName);
    if (!state || !replicas) {
      return refuse(ResponseCode.CONTROLLER_BROKER_NEED_TO_BE_REGISTERED, `Broker ${header.brokerName} hasn't been registered`);
    }
    const controllerTriggered = header.brokerId === -1;
    const designated = header.designateElect && !controllerTriggered ? header.brokerId : undefined;
    let winner: number | undefined;
    if (state.masterEpoch === 0 && !controllerTriggered && replicas.brokers.has(header.brokerId)) {
      // Never elected: the first broker to ask wins, with no liveness check (its heartbeat may not have arrived yet).
      winner = header.brokerId;
    } else {
      winner = electMaster(
        { brokerName: header.brokerName, pool: state.syncStateSet, oldMaster: state.masterBrokerId, designated },
        this.liveness,
      );
      if (winner === undefined && this.options.enableElectUncleanMaster) {
        winner = electMaster(
          { brokerName: header.brokerName, pool: replicas.brokers.keys(), oldMaster: state.masterBrokerId, designated },
          this.liveness,
        );
      }
    }
    if (winner !== undefined && winner === state.masterBrokerId) {
      return refuse(
        ResponseCode.CONTROLLER_MASTER_STILL_EXIST,
        `The old master ${winner} is still alive, not need to elect new master for broker ${header.brokerName}`,
        ElectMasterResponseHeader.encode({
          masterBrokerId: winner,
          masterAddress: replicas.brokers.get(winner)?.address,
          masterEpoch: state.masterEpoch,
          syncStateSetEpoch: state.syncStateSetEpoch,
        }),
        ElectMasterResponseBody.encode({ syncStateSet: [...state.syncStateSet] }),
      );
    }
    if (winner !== undefined) {
      return ok(
        {
          extFields: ElectMasterResponseHeader.encode({
            masterBrokerId: winner,
            masterAddress: replicas.brokers.get(winner)?.address,
            masterEpoch: state.masterEpoch + 1,
            syncStateSetEpoch: state.syncStateSetEpoch + 1,
          }),
          body: ElectMasterResponseBody.encode({
            brokerMemberGroup: {
              cluster: replicas.clusterName,
              brokerName: replicas.brokerName,
              brokerAddrs: new Map([...replicas.brokers].map(([id, identity]) => [id, identity.address])),
            },
            syncStateSet: [winner],
          }),
        },
        [{ type: 'ELECT_MASTER', brokerName: header.brokerName, newMasterElected: true, newMasterBrokerId: winner }],
      );
    }
    if (controllerTriggered) {
      return {
        reply: {
          code: ResponseCode.CONTROLLER_MASTER_NOT_AVAILABLE,
          remark: `Failed to elect a new master for broker ${header.brokerName}; the broker set has no master now`,
          extFields: ElectMasterResponseHeader.encode({ masterEpoch: state.masterEpoch + 1, syncStateSetEpoch: state.syncStateSetEpoch }),
        },
        events: [{ type: 'ELECT_MASTER', brokerName: header.brokerName, newMasterElected: false }],
      };
    }
    return refuse(ResponseCode.CONTROLLER_ELECT_MASTER_FAILED, `Failed to elect a new master for broker ${header.brokerName}`);
  }

  /** 1012: the id a new replica should claim; 1 for a set never seen. */
  getNextBrokerId(header: GetNextBrokerIdRequestHeader): ControllerDecision {
    const replicas = this.replicas.get(header.brokerName);
    return ok({
      extFields: GetNextBrokerIdResponseHeader.encode({
        clusterName: header.clusterName,
        brokerName: header.brokerName,
        nextBrokerId: replicas?.nextAssignBrokerId ?? 1,
      }),
    });
  }

  /** 1013: claim an id. Idempotent for the same check code, so a broker may retry after a lost reply. */
  applyBrokerId(header: ApplyBrokerIdRequestHeader): ControllerDecision {
    const replicas = this.replicas.get(header.brokerName);
    const reply = { extFields: ApplyBrokerIdResponseHeader.encode({ clusterName: header.clusterName, brokerName: header.brokerName }) };
    const event: ControllerEvent = {
      type: 'APPLY_BROKER_ID',
      clusterName: header.clusterName ?? '',
      brokerName: header.brokerName,
      brokerAddress: header.registerCheckCode.split(';')[0] ?? '',
      newBrokerId: header.appliedBrokerId,
      registerCheckCode: header.registerCheckCode,
    };
    if (!replicas) {
      if (header.appliedBrokerId !== 1) {
        return refuse(
          ResponseCode.CONTROLLER_BROKER_ID_INVALID,
          `Broker-set: ${header.brokerName} hasn't been registered in controller, but broker try to apply brokerId: ${header.appliedBrokerId}`,
        );
      }
      return ok(reply, [event]);
    }
    const existing = replicas.brokers.get(header.appliedBrokerId);
    if (existing === undefined)
      return header.appliedBrokerId >= 1
        ? ok(reply, [event])
        : refuse(ResponseCode.CONTROLLER_BROKER_ID_INVALID, `brokerId ${header.appliedBrokerId} is not valid`);
    if (existing.registerCheckCode === header.registerCheckCode) return ok(reply);
    return refuse(
      ResponseCode.CONTROLLER_BROKER_ID_INVALID,
      `Fail to apply brokerId: ${header.appliedBrokerId} in broker-set: ${header.brokerName}, the id is already used by another replica`,
    );
  }

  /** 1003: the last registration step; tells the broker its set and (if alive) its master. */
  registerBroker(header: RegisterBrokerToControllerRequestHeader): ControllerDecision {
    const state = this.syncStates.get(header.brokerName);
    const replicas = this.replicas.get(header.brokerName);
    const id = header.brokerId;
    if (!state || !replicas || id === undefined || !replicas.brokers.has(id)) {
      return refuse(
        ResponseCode.CONTROLLER_BROKER_NEED_TO_BE_REGISTERED,
        `Broker ${header.brokerName}, id ${id ?? 'null'} hasn't been registered, it needs to apply a brokerId first`,
      );
    }
    const events: ControllerEvent[] = [];
    const address = header.brokerAddress;
    if (address !== undefined && replicas.brokers.get(id)?.address !== address) {
      events.push({
        type: 'UPDATE_BROKER_ADDRESS',
        clusterName: header.clusterName ?? replicas.clusterName,
        brokerName: header.brokerName,
        brokerAddress: address,
        brokerId: id,
      });
    }
    const master = state.masterBrokerId;
    const masterAlive = master !== undefined && this.liveness.isAlive(header.brokerName, master);
    const masterAddress =
      master === undefined ? undefined : master === id && address !== undefined ? address : replicas.brokers.get(master)?.address;
    return ok(
      {
        extFields: RegisterBrokerToControllerResponseHeader.encode({
          clusterName: header.clusterName,
          brokerName: header.brokerName,
          ...(masterAlive
            ? { masterBrokerId: master, masterAddress, masterEpoch: state.masterEpoch, syncStateSetEpoch: state.syncStateSetEpoch }
            : {}),
        }),
        body: SyncStateSet.encode({ syncStateSet: [...state.syncStateSet], syncStateSetEpoch: state.syncStateSetEpoch }),
      },
      events,
    );
  }

  /** 1004: a broker's periodic poll. */
  getReplicaInfo(brokerName: string): ControllerDecision {
    const state = this.syncStates.get(brokerName);
    const replicas = this.replicas.get(brokerName);
    if (!state || !replicas)
      return refuse(ResponseCode.CONTROLLER_BROKER_METADATA_NOT_EXIST, `Broker metadata of ${brokerName} does not exist`);
    const master = state.masterBrokerId;
    return ok({
      extFields: GetReplicaInfoResponseHeader.encode({
        masterBrokerId: master,
        masterAddress: master === undefined ? undefined : replicas.brokers.get(master)?.address,
        masterEpoch: state.masterEpoch,
      }),
      body: SyncStateSet.encode({ syncStateSet: [...state.syncStateSet], syncStateSetEpoch: state.syncStateSetEpoch }),
    });
  }

  /** 1006: what mqadmin getSyncStateSet prints; unknown names are left out. */
  getSyncStateData(brokerNames: readonly string[]): ControllerDecision {
    const table = new Map<string, ReplicasInfo>();
    for (const brokerName of brokerNames) {
      const state = this.syncStates.get(brokerName);
      const replicas = this.replicas.get(brokerName);
      if (!state || !replicas) continue;
      const identity = (id: number): ReplicaIdentity => ({
        brokerName,
        brokerId: id,
        brokerAddress: replicas.brokers.get(id)?.address ?? '',
        alive: this.liveness.isAlive(brokerName, id),
      });
      const ids = [...replicas.brokers.keys()].sort((a, b) => a - b);
      const master = state.masterBrokerId;
      table.set(brokerName, {
        masterBrokerId: master,
        masterAddress: master === undefined ? undefined : replicas.brokers.get(master)?.address,
        masterEpoch: state.masterEpoch,
        syncStateSetEpoch: state.syncStateSetEpoch,
        inSyncReplicas: ids.filter((id) => state.syncStateSet.has(id)).map(identity),
        notInSyncReplicas: ids.filter((id) => !state.syncStateSet.has(id)).map(identity),
      });
    }
    return ok({ body: BrokerReplicasInfo.encode({ replicasInfoTable: table }) });
  }

  /** 1011: forget ids (or a whole set); refuses live brokers unless asked to clean them too. */
  cleanBrokerData(header: CleanControllerBrokerDataRequestHeader): ControllerDecision {
    const replicas = this.replicas.get(header.brokerName);
    const ids = parseIdList(header.brokerControllerIdsToClean);
    if (ids === 'invalid')
      return refuse(ResponseCode.CONTROLLER_INVALID_CLEAN_BROKER_METADATA, `Invalid broker id list: ${header.brokerControllerIdsToClean}`);
    if (!header.isCleanLivingBroker) {
      const candidates = ids ?? (replicas ? [...replicas.brokers.keys()] : []);
      for (const id of candidates) {
        if (this.liveness.isAlive(header.brokerName, id)) {
          return refuse(
            ResponseCode.CONTROLLER_INVALID_CLEAN_BROKER_METADATA,
            `Broker [${header.brokerName},  ${id}] is still alive, clean up failure`,
          );
        }
      }
    }
    if (!replicas)
      return refuse(
        ResponseCode.CONTROLLER_INVALID_CLEAN_BROKER_METADATA,
        `Broker ${header.brokerName} is not exist, clean broker data failure`,
      );
    return ok({}, [{ type: 'CLEAN_BROKER_DATA', brokerName: header.brokerName, brokerIdSetToClean: ids }]);
  }

  // ---- snapshots (Raft compaction) ----------------------------------------------------------

  /** The whole replicated state as JSON; `restore` of it gives back an equal state. */
  snapshot(): Uint8Array {
    const sets = [...this.syncStates.values()].map((state) => {
      const replicas = this.replicas.get(state.brokerName);
      return {
        clusterName: state.clusterName,
        brokerName: state.brokerName,
        masterBrokerId: state.masterBrokerId ?? null,
        masterEpoch: state.masterEpoch,
        syncStateSetEpoch: state.syncStateSetEpoch,
        syncStateSet: [...state.syncStateSet],
        nextAssignBrokerId: replicas?.nextAssignBrokerId ?? 1,
        brokers: [...(replicas?.brokers ?? [])].map(([id, identity]) => ({
          id,
          address: identity.address,
          registerCheckCode: identity.registerCheckCode,
        })),
      };
    });
    return Buffer.from(JSON.stringify({ version: 1, sets }), 'utf8');
  }

  restore(snapshot: Uint8Array): void {
    const parsed = JSON.parse(Buffer.from(snapshot).toString('utf8')) as { version: number; sets: SnapshotSet[] };
    if (parsed.version !== 1) throw new Error(`unknown controller snapshot version ${parsed.version}`);
    this.syncStates.clear();
    this.replicas.clear();
    for (const set of parsed.sets) {
      this.syncStates.set(set.brokerName, {
        clusterName: set.clusterName,
        brokerName: set.brokerName,
        masterBrokerId: set.masterBrokerId ?? undefined,
        masterEpoch: set.masterEpoch,
        syncStateSetEpoch: set.syncStateSetEpoch,
        syncStateSet: new Set(set.syncStateSet),
      });
      this.replicas.set(set.brokerName, {
        clusterName: set.clusterName,
        brokerName: set.brokerName,
        nextAssignBrokerId: set.nextAssignBrokerId,
        brokers: new Map(
          set.brokers.map((broker) => [broker.id, { address: broker.address, registerCheckCode: broker.registerCheckCode }]),
        ),
      });
    }
  }

  // ---- the only mutator ---------------------------------------------------------------------

  apply(event: ControllerEvent): void {
    switch (event.type) {
      case 'READ':
        return;
      case 'APPLY_BROKER_ID':
        return this.applyBrokerIdEvent(event);
      case 'UPDATE_BROKER_ADDRESS': {
        const identity = this.replicas.get(event.brokerName)?.brokers.get(event.brokerId);
        if (identity) identity.address = event.brokerAddress;
        return;
      }
      case 'ALTER_SYNC_STATE_SET': {
        const state = this.syncStates.get(event.brokerName);
        if (!state) return;
        state.syncStateSet = new Set(event.newSyncStateSet);
        state.syncStateSetEpoch++;
        return;
      }
      case 'ELECT_MASTER': {
        const state = this.syncStates.get(event.brokerName);
        if (!state) return;
        state.masterEpoch++;
        if (event.newMasterElected && event.newMasterBrokerId !== undefined) {
          state.masterBrokerId = event.newMasterBrokerId;
          state.syncStateSet = new Set([event.newMasterBrokerId]);
          state.syncStateSetEpoch++;
        } else {
          state.masterBrokerId = undefined;
        }
        return;
      }
      case 'CLEAN_BROKER_DATA':
        return this.cleanBrokerDataEvent(event);
      default:
        // Decoding refuses unknown types, so only a new event without a case lands here: replicas
        // must not silently skip it and diverge.
        return unreachable(event, 'controller event type');
    }
  }

  private applyBrokerIdEvent(event: Extract<ControllerEvent, { type: 'APPLY_BROKER_ID' }>): void {
    let replicas = this.replicas.get(event.brokerName);
    if (!replicas) {
      replicas = { clusterName: event.clusterName, brokerName: event.brokerName, nextAssignBrokerId: 1, brokers: new Map() };
      this.replicas.set(event.brokerName, replicas);
      this.syncStates.set(event.brokerName, {
        clusterName: event.clusterName,
        brokerName: event.brokerName,
        masterBrokerId: undefined,
        masterEpoch: 0,
        syncStateSetEpoch: 0,
        syncStateSet: new Set(),
      });
    }
    if (replicas.brokers.has(event.newBrokerId)) return;
    replicas.brokers.set(event.newBrokerId, { address: event.brokerAddress, registerCheckCode: event.registerCheckCode });
    // Never hand out an id already taken, even one a broker claimed out of order.
    replicas.nextAssignBrokerId = Math.max(replicas.nextAssignBrokerId + 1, event.newBrokerId + 1);
  }

  private cleanBrokerDataEvent(event: Extract<ControllerEvent, { type: 'CLEAN_BROKER_DATA' }>): void {
    const replicas = this.replicas.get(event.brokerName);
    const state = this.syncStates.get(event.brokerName);
    if (!replicas || !state) return;
    if (event.brokerIdSetToClean === undefined) {
      this.replicas.delete(event.brokerName);
      this.syncStates.delete(event.brokerName);
      return;
    }
    for (const id of event.brokerIdSetToClean) {
      replicas.brokers.delete(id);
      state.syncStateSet.delete(id);
      if (state.masterBrokerId === id) state.masterBrokerId = undefined;
    }
    if (replicas.brokers.size === 0) {
      this.replicas.delete(event.brokerName);
      this.syncStates.delete(event.brokerName);
    }
  }
}

interface SnapshotSet {
  readonly clusterName: string;
  readonly brokerName: string;
  readonly masterBrokerId: number | null;
  readonly masterEpoch: number;
  readonly syncStateSetEpoch: number;
  readonly syncStateSet: number[];
  readonly nextAssignBrokerId: number;
  readonly brokers: Array<{ readonly id: number; readonly address: string; readonly registerCheckCode: string }>;
}

function sameSet(left: ReadonlySet<number>, right: ReadonlySet<number>): boolean {
  return left.size === right.size && [...left].every((id) => right.has(id));
}

/** `"1;2;3"` → ids; absent or blank → undefined (the whole set); anything else non-numeric → 'invalid'. */
function parseIdList(text: string | undefined): number[] | undefined | 'invalid' {
  if (text === undefined || text.trim() === '') return undefined;
  const ids: number[] = [];
  for (const part of text.split(';')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    if (!/^\d+$/.test(trimmed)) return 'invalid';
    ids.push(Number(trimmed));
  }
  return ids;
}
