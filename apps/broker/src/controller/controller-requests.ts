/**
 * The broker's requests to the controller and what it reads from the replies
 * (docs/controller-mode-broker.md#wire), over libs/protocol's controller headers and bodies.
 * Replies are decoded defensively: a malformed reply reads as "nothing learned", never a throw
 * into the role-change logic.
 */
import {
  AlterSyncStateSetRequestHeader,
  ApplyBrokerIdRequestHeader,
  BrokerHeartbeatRequestHeader,
  createRequest,
  ElectMasterRequestHeader,
  type ExtFields,
  GetMetaDataResponseHeader,
  GetNextBrokerIdRequestHeader,
  GetNextBrokerIdResponseHeader,
  GetReplicaInfoRequestHeader,
  RegisterBrokerToControllerRequestHeader,
  type RemotingCommand,
  RequestCode,
  SyncStateSet,
} from '@rocketmq-ts/protocol';

export const ControllerResponseCode = {
  SUCCESS: 0,
  CONTROLLER_MASTER_NOT_AVAILABLE: 2004,
  CONTROLLER_NOT_LEADER: 2007,
  CONTROLLER_BROKER_METADATA_NOT_EXIST: 2008,
  CONTROLLER_BROKER_NEED_TO_BE_REGISTERED: 2010,
  CONTROLLER_MASTER_STILL_EXIST: 2011,
  CONTROLLER_BROKER_ID_INVALID: 2014,
} as const;

/** Who a replica set's master is, as any controller reply or notification says it. */
export interface MasterView {
  readonly masterBrokerId: number | undefined;
  readonly masterAddress: string | undefined;
  readonly masterEpoch: number;
  readonly syncStateSetEpoch: number | undefined;
}

export type SyncStateSetBody = SyncStateSet;

function request(code: number, extFields: ExtFields, options: { body?: Buffer; oneway?: boolean } = {}): RemotingCommand {
  return createRequest(code, { extFields, language: 'JAVA', ...options });
}

export const controllerRequests = {
  getMetadata: (): RemotingCommand => createRequest(RequestCode.CONTROLLER_GET_METADATA_INFO, { language: 'JAVA' }),
  getNextBrokerId: (clusterName: string, brokerName: string): RemotingCommand =>
    request(RequestCode.CONTROLLER_GET_NEXT_BROKER_ID, GetNextBrokerIdRequestHeader.encode({ clusterName, brokerName })),
  applyBrokerId: (clusterName: string, brokerName: string, appliedBrokerId: number, registerCheckCode: string): RemotingCommand =>
    request(
      RequestCode.CONTROLLER_APPLY_BROKER_ID,
      ApplyBrokerIdRequestHeader.encode({ clusterName, brokerName, appliedBrokerId, registerCheckCode }),
    ),
  register: (clusterName: string, brokerName: string, brokerId: number, brokerAddress: string): RemotingCommand =>
    request(
      RequestCode.CONTROLLER_REGISTER_BROKER,
      RegisterBrokerToControllerRequestHeader.encode({ clusterName, brokerName, brokerId, brokerAddress, invokeTime: Date.now() }),
    ),
  electMaster: (clusterName: string, brokerName: string, brokerId: number): RemotingCommand =>
    request(
      RequestCode.CONTROLLER_ELECT_MASTER,
      ElectMasterRequestHeader.encode({ clusterName, brokerName, brokerId, designateElect: false, invokeTime: Date.now() }),
    ),
  getReplicaInfo: (brokerName: string): RemotingCommand =>
    request(RequestCode.CONTROLLER_GET_REPLICA_INFO, GetReplicaInfoRequestHeader.encode({ brokerName })),
  alterSyncStateSet: (brokerName: string, masterBrokerId: number, masterEpoch: number, proposal: SyncStateSet): RemotingCommand =>
    request(
      RequestCode.CONTROLLER_ALTER_SYNC_STATE_SET,
      AlterSyncStateSetRequestHeader.encode({ brokerName, masterBrokerId, masterEpoch, invokeTime: Date.now() }),
      { body: SyncStateSet.encode(proposal) },
    ),
  heartbeat: (header: BrokerHeartbeatRequestHeader): RemotingCommand =>
    request(RequestCode.BROKER_HEARTBEAT, BrokerHeartbeatRequestHeader.encode(header), { oneway: true }),
};

function decodedOrUndefined<T>(decode: () => T): T | undefined {
  try {
    return decode();
  } catch {
    return undefined;
  }
}

function numberField(ext: ExtFields | undefined, key: string): number | undefined {
  const text = ext?.[key];
  if (text === undefined || text === '' || text === 'null') return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * The master fields of 1002/1003/1004 replies and of a 1008 notification (the same four fields
 * under the same names in every one of those headers).
 */
export function masterViewOf(ext: ExtFields | undefined): MasterView {
  const masterBrokerId = numberField(ext, 'masterBrokerId');
  const masterAddress = ext?.['masterAddress'];
  return {
    masterBrokerId: masterBrokerId === undefined || masterBrokerId < 0 ? undefined : masterBrokerId,
    masterAddress: masterAddress === undefined || masterAddress === '' ? undefined : masterAddress,
    masterEpoch: numberField(ext, 'masterEpoch') ?? 0,
    syncStateSetEpoch: numberField(ext, 'syncStateSetEpoch'),
  };
}

export function nextBrokerIdOf(ext: ExtFields | undefined): number | undefined {
  return decodedOrUndefined(() => GetNextBrokerIdResponseHeader.decode(ext))?.nextBrokerId;
}

/** 1005 reply: the Raft leader's client address, when one is known. */
export function leaderAddressOf(ext: ExtFields | undefined): string | undefined {
  const address = decodedOrUndefined(() => GetMetaDataResponseHeader.decode(ext))?.controllerLeaderAddress;
  return address === undefined || address === '' ? undefined : address;
}

/** A SyncStateSet body; undefined when absent or malformed. */
export function decodeSyncStateSet(body: Buffer | undefined): SyncStateSet | undefined {
  if (body === undefined || body.length === 0) return undefined;
  return decodedOrUndefined(() => SyncStateSet.decode(body));
}

export function encodeSyncStateSet(body: SyncStateSet): Buffer {
  return SyncStateSet.encode(body);
}
