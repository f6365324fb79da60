/**
 * The broker's requests to the controller and what it reads from the replies
 * (docs/controller-mode-broker.md#wire). Headers travel as extFields keyed by the Java field names;
 * absent optional fields are omitted. Kept here until libs/protocol carries the controller
 * headers (the controller work adds them there); then these become imports.
 */
import { BrokerHeartbeatRequestHeader, createRequest, type ExtFields, type RemotingCommand, RequestCode } from '@rocketmq-ts/protocol';

export const ControllerResponseCode = {
  SUCCESS: 0,
  CONTROLLER_MASTER_NOT_AVAILABLE: 2004,
  CONTROLLER_NOT_LEADER: 2007,
  CONTROLLER_BROKER_METADATA_NOT_EXIST: 2008,
  CONTROLLER_BROKER_NEED_TO_BE_REGISTERED: 2010,
  CONTROLLER_MASTER_STILL_EXIST: 2011,
  CONTROLLER_BROKER_ID_INVALID: 2014,
} as const;

export const GET_BROKER_EPOCH_CACHE = 1007;
export const NOTIFY_BROKER_ROLE_CHANGED = 1008;
export const CONTROLLER_GET_NEXT_BROKER_ID = 1012;
export const CONTROLLER_APPLY_BROKER_ID = 1013;

/** Who a replica set's master is, as any controller reply or notification says it. */
export interface MasterView {
  readonly masterBrokerId: number | undefined;
  readonly masterAddress: string | undefined;
  readonly masterEpoch: number;
  readonly syncStateSetEpoch: number | undefined;
}

export interface SyncStateSetBody {
  readonly syncStateSet: readonly number[];
  readonly syncStateSetEpoch: number;
}

function request(code: number, fields: Record<string, string | number | boolean | undefined>): RemotingCommand {
  const extFields: ExtFields = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) extFields[key] = String(value);
  return createRequest(code, { extFields, language: 'JAVA' });
}

export const controllerRequests = {
  getMetadata: (): RemotingCommand => createRequest(RequestCode.CONTROLLER_GET_METADATA_INFO, { language: 'JAVA' }),
  getNextBrokerId: (clusterName: string, brokerName: string): RemotingCommand => request(CONTROLLER_GET_NEXT_BROKER_ID, { clusterName, brokerName }),
  applyBrokerId: (clusterName: string, brokerName: string, appliedBrokerId: number, registerCheckCode: string): RemotingCommand =>
    request(CONTROLLER_APPLY_BROKER_ID, { clusterName, brokerName, appliedBrokerId, registerCheckCode }),
  register: (clusterName: string, brokerName: string, brokerId: number, brokerAddress: string): RemotingCommand =>
    request(RequestCode.CONTROLLER_REGISTER_BROKER, { clusterName, brokerName, brokerId, brokerAddress, invokeTime: Date.now() }),
  electMaster: (clusterName: string, brokerName: string, brokerId: number): RemotingCommand =>
    request(RequestCode.CONTROLLER_ELECT_MASTER, { clusterName, brokerName, brokerId, designateElect: false, invokeTime: Date.now() }),
  getReplicaInfo: (brokerName: string): RemotingCommand => request(RequestCode.CONTROLLER_GET_REPLICA_INFO, { brokerName }),
  alterSyncStateSet: (brokerName: string, masterBrokerId: number, masterEpoch: number, proposal: SyncStateSetBody): RemotingCommand => {
    const command = request(RequestCode.CONTROLLER_ALTER_SYNC_STATE_SET, { brokerName, masterBrokerId, masterEpoch, invokeTime: Date.now() });
    return { ...command, body: encodeSyncStateSet(proposal) };
  },
  heartbeat: (header: BrokerHeartbeatRequestHeader): RemotingCommand => createRequest(RequestCode.BROKER_HEARTBEAT, { extFields: BrokerHeartbeatRequestHeader.encode(header), language: 'JAVA', oneway: true }),
};

function optionalNumber(ext: ExtFields | undefined, key: string): number | undefined {
  const text = ext?.[key];
  if (text === undefined || text === '' || text === 'null') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** The master fields of 1002/1003/1004 replies and of a 1008 notification. */
export function masterViewOf(ext: ExtFields | undefined): MasterView {
  const masterBrokerId = optionalNumber(ext, 'masterBrokerId');
  const masterAddress = ext?.['masterAddress'];
  return {
    masterBrokerId: masterBrokerId === undefined || masterBrokerId < 0 ? undefined : masterBrokerId,
    masterAddress: masterAddress === undefined || masterAddress === '' ? undefined : masterAddress,
    masterEpoch: optionalNumber(ext, 'masterEpoch') ?? 0,
    syncStateSetEpoch: optionalNumber(ext, 'syncStateSetEpoch'),
  };
}

export function nextBrokerIdOf(ext: ExtFields | undefined): number | undefined {
  return optionalNumber(ext, 'nextBrokerId');
}

/** 1005 reply: the Raft leader's client address, when one is known. */
export function leaderAddressOf(ext: ExtFields | undefined): string | undefined {
  const address = ext?.['controllerLeaderAddress'];
  return address === undefined || address === '' ? undefined : address;
}

export function encodeSyncStateSet(body: SyncStateSetBody): Buffer {
  return Buffer.from(JSON.stringify({ syncStateSet: [...body.syncStateSet].sort((a, b) => a - b), syncStateSetEpoch: body.syncStateSetEpoch }), 'utf8');
}

/** A SyncStateSet body; undefined when absent or not that shape. */
export function decodeSyncStateSet(body: Buffer | undefined): SyncStateSetBody | undefined {
  if (body === undefined || body.length === 0) return undefined;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { syncStateSet?: unknown; syncStateSetEpoch?: unknown };
    if (!Array.isArray(parsed.syncStateSet) || typeof parsed.syncStateSetEpoch !== 'number') return undefined;
    return { syncStateSet: parsed.syncStateSet.filter((id): id is number => typeof id === 'number'), syncStateSetEpoch: parsed.syncStateSetEpoch };
  } catch {
    return undefined;
  }
}
