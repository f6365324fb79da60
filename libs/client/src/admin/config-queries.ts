import {
  DeleteKVConfigRequestHeader,
  GetKVListByNamespaceRequestHeader,
  KVTable,
  PropertiesText,
  PutKVConfigRequestHeader,
  RequestCode,
  ResponseCode,
} from '@rocketmq-ts/protocol';

import { type AdminTransport, expectSuccess, successBody } from './admin-transport';

/** GET_BROKER_CONFIG (26): the broker's effective configuration as `key=value` pairs. */
export async function brokerConfig(transport: AdminTransport, brokerAddr: string): Promise<ReadonlyMap<string, string>> {
  const response = await transport.broker(brokerAddr, { code: RequestCode.GET_BROKER_CONFIG });
  return PropertiesText.decode(successBody(brokerAddr, response));
}

/** UPDATE_BROKER_CONFIG (25): the broker applies what it can at run time and persists the rest; it refuses unknown or read-only keys. */
export async function updateBrokerConfig(
  transport: AdminTransport,
  brokerAddr: string,
  entries: ReadonlyMap<string, string>,
): Promise<void> {
  expectSuccess(
    brokerAddr,
    await transport.broker(brokerAddr, { code: RequestCode.UPDATE_BROKER_CONFIG, body: PropertiesText.encode(entries) }),
  );
}

/**
 * GET_KVLIST_BY_NAMESPACE (219) from the first name server that answers; an empty map when the
 * namespace holds nothing (the name server answers QUERY_NOT_FOUND then).
 */
export async function kvList(transport: AdminTransport, namespace: string): Promise<ReadonlyMap<string, string>> {
  const { addr, response } = await transport.namesrv({
    code: RequestCode.GET_KVLIST_BY_NAMESPACE,
    extFields: GetKVListByNamespaceRequestHeader.encode({ namespace }),
  });
  if (response.code === ResponseCode.QUERY_NOT_FOUND) return new Map();
  return KVTable.decode(successBody(addr, response)).table;
}

/** PUT_KV_CONFIG (100) on every reachable name server (each keeps its own copy, as updateKvConfig writes them all). */
export async function putKvConfig(transport: AdminTransport, namespace: string, key: string, value: string): Promise<void> {
  const answers = await transport.everyNamesrv({
    code: RequestCode.PUT_KV_CONFIG,
    extFields: PutKVConfigRequestHeader.encode({ namespace, key, value }),
  });
  for (const { addr, response } of answers) expectSuccess(addr, response);
}

/** DELETE_KV_CONFIG (102) on every reachable name server. */
export async function deleteKvConfig(transport: AdminTransport, namespace: string, key: string): Promise<void> {
  const answers = await transport.everyNamesrv({
    code: RequestCode.DELETE_KV_CONFIG,
    extFields: DeleteKVConfigRequestHeader.encode({ namespace, key }),
  });
  for (const { addr, response } of answers) expectSuccess(addr, response);
}
