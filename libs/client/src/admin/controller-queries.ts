import { splitAddressList } from '@rocketmq-ts/base';
import {
  BrokerNameList,
  BrokerReplicasInfo,
  CleanControllerBrokerDataRequestHeader,
  ElectMasterRequestHeader,
  ElectMasterResponseBody,
  ElectMasterResponseHeader,
  EpochEntryCache,
  GetMetaDataResponseHeader,
  RequestCode,
} from '@rocketmq-ts/protocol';

import { type AdminTransport, expectSuccess, successBody } from './admin-transport';

/**
 * Controller-mode admin calls (docs/controller.md#codes), as Java's mqadmin makes them: metadata
 * from any controller, then leader-only requests to the leader that metadata names.
 */

/** CONTROLLER_GET_METADATA_INFO (1005) from one controller. */
export async function controllerMetaData(transport: AdminTransport, controllerAddr: string): Promise<GetMetaDataResponseHeader> {
  const response = expectSuccess(controllerAddr, await transport.at(controllerAddr, { code: RequestCode.CONTROLLER_GET_METADATA_INFO }));
  return GetMetaDataResponseHeader.decode(response.extFields);
}

/** The leader's address as `controllerAddr` (the first of a `;` list) reports it. */
export async function controllerLeader(transport: AdminTransport, controllerAddr: string): Promise<string> {
  const first = splitAddressList(controllerAddr)[0] ?? controllerAddr;
  const meta = await controllerMetaData(transport, first);
  if (meta.controllerLeaderAddress === undefined) throw new Error(`controller ${first} knows no leader yet`);
  return meta.controllerLeaderAddress;
}

/** CONTROLLER_GET_SYNC_STATE_DATA (1006) from the leader. */
export async function syncStateSet(
  transport: AdminTransport,
  controllerAddr: string,
  brokerNames: readonly string[],
): Promise<BrokerReplicasInfo> {
  const leader = await controllerLeader(transport, controllerAddr);
  const response = await transport.at(leader, {
    code: RequestCode.CONTROLLER_GET_SYNC_STATE_DATA,
    body: BrokerNameList.encode(brokerNames),
  });
  return BrokerReplicasInfo.decode(successBody(leader, response));
}

export interface ElectMasterResult {
  readonly header: ElectMasterResponseHeader;
  readonly body: ElectMasterResponseBody | undefined;
}

export interface ElectMasterArgs {
  readonly clusterName: string;
  readonly brokerName: string;
  readonly brokerId: number;
}

/** CONTROLLER_ELECT_MASTER (1002) with designateElect=true: make `brokerId` master if it is an in-sync live replica. */
export async function electMaster(
  transport: AdminTransport,
  controllerAddr: string,
  { clusterName, brokerName, brokerId }: ElectMasterArgs,
): Promise<ElectMasterResult> {
  const leader = await controllerLeader(transport, controllerAddr);
  const response = expectSuccess(
    leader,
    await transport.at(leader, {
      code: RequestCode.CONTROLLER_ELECT_MASTER,
      extFields: ElectMasterRequestHeader.encode({ clusterName, brokerName, brokerId, designateElect: true, invokeTime: Date.now() }),
    }),
  );
  return {
    header: ElectMasterResponseHeader.decode(response.extFields),
    body: response.body ? ElectMasterResponseBody.decode(response.body) : undefined,
  };
}

/** CLEAN_BROKER_DATA (1011): forget controller ids (`"1;2"`, or the whole set when absent). */
export async function cleanBrokerMetadata(
  transport: AdminTransport,
  controllerAddr: string,
  request: {
    readonly clusterName?: string;
    readonly brokerName: string;
    readonly brokerControllerIdsToClean?: string;
    readonly isCleanLivingBroker: boolean;
  },
): Promise<void> {
  const leader = await controllerLeader(transport, controllerAddr);
  expectSuccess(
    leader,
    await transport.at(leader, {
      code: RequestCode.CLEAN_BROKER_DATA,
      extFields: CleanControllerBrokerDataRequestHeader.encode({ ...request, invokeTime: Date.now() }),
    }),
  );
}

/** GET_CONTROLLER_CONFIG (1010) from one controller: its `key=value` lines as a map. */
export async function controllerConfig(transport: AdminTransport, controllerAddr: string): Promise<Map<string, string>> {
  const text = successBody(controllerAddr, await transport.at(controllerAddr, { code: RequestCode.GET_CONTROLLER_CONFIG })).toString(
    'utf8',
  );
  const entries = new Map<string, string>();
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) entries.set(line.slice(0, at), line.slice(at + 1));
  }
  return entries;
}

/** UPDATE_CONTROLLER_CONFIG (1009) to one controller. */
export async function updateControllerConfig(transport: AdminTransport, controllerAddr: string, key: string, value: string): Promise<void> {
  expectSuccess(
    controllerAddr,
    await transport.at(controllerAddr, { code: RequestCode.UPDATE_CONTROLLER_CONFIG, body: Buffer.from(`${key}=${value}\n`, 'utf8') }),
  );
}

/** GET_BROKER_EPOCH_CACHE (1007) from a controller-mode broker. */
export async function brokerEpochCache(transport: AdminTransport, brokerAddr: string): Promise<EpochEntryCache> {
  return EpochEntryCache.decode(successBody(brokerAddr, await transport.broker(brokerAddr, { code: RequestCode.GET_BROKER_EPOCH_CACHE })));
}
