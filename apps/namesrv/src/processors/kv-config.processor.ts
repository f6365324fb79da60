import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import {
  createResponse,
  DeleteKVConfigRequestHeader,
  GetKVConfigRequestHeader,
  GetKVConfigResponseHeader,
  GetKVListByNamespaceRequestHeader,
  KVTable,
  PutKVConfigRequestHeader,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
} from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { KvConfigManager } from '../kvconfig/kv-config-manager';
import { NamesrvLane } from '../namesrv.tokens';

/**
 * PUT_KV_CONFIG (100), GET_KV_CONFIG (101), DELETE_KV_CONFIG (102), GET_KVLIST_BY_NAMESPACE (219).
 * Writes are answered once the file is durable; misses answer QUERY_NOT_FOUND as Java does.
 */
@RemotingProcessor({
  codes: [RequestCode.PUT_KV_CONFIG, RequestCode.GET_KV_CONFIG, RequestCode.DELETE_KV_CONFIG, RequestCode.GET_KVLIST_BY_NAMESPACE],
  lane: NamesrvLane.ADMIN,
})
export class KvConfigProcessor implements RemotingRequestHandler {
  constructor(private readonly kvConfig: KvConfigManager) {}

  handle(_context: ConnectionContext, request: RemotingCommand): RemotingCommand | Promise<RemotingCommand> {
    switch (request.code) {
      case RequestCode.PUT_KV_CONFIG:
        return this.put(request);
      case RequestCode.GET_KV_CONFIG:
        return this.get(request);
      case RequestCode.DELETE_KV_CONFIG:
        return this.delete(request);
      default:
        return this.list(request);
    }
  }

  private async put(request: RemotingCommand): Promise<RemotingCommand> {
    const { namespace, key, value } = PutKVConfigRequestHeader.decode(request.extFields);
    await this.kvConfig.put(namespace, key, value);
    return createResponse(request, ResponseCode.SUCCESS);
  }

  private get(request: RemotingCommand): RemotingCommand {
    const { namespace, key } = GetKVConfigRequestHeader.decode(request.extFields);
    const value = this.kvConfig.get(namespace, key);
    if (value === undefined) {
      return createResponse(request, ResponseCode.QUERY_NOT_FOUND, { remark: `No config item, Namespace: ${namespace} Key: ${key}` });
    }
    return createResponse(request, ResponseCode.SUCCESS, { extFields: GetKVConfigResponseHeader.encode({ value }) });
  }

  private async delete(request: RemotingCommand): Promise<RemotingCommand> {
    const { namespace, key } = DeleteKVConfigRequestHeader.decode(request.extFields);
    await this.kvConfig.delete(namespace, key);
    return createResponse(request, ResponseCode.SUCCESS);
  }

  private list(request: RemotingCommand): RemotingCommand {
    const { namespace } = GetKVListByNamespaceRequestHeader.decode(request.extFields);
    const table = this.kvConfig.list(namespace);
    if (table === undefined)
      return createResponse(request, ResponseCode.QUERY_NOT_FOUND, { remark: `No config item, Namespace: ${namespace}` });
    return createResponse(request, ResponseCode.SUCCESS, { body: KVTable.encode({ table }) });
  }
}
