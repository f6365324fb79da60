import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * GET_KVLIST_BY_NAMESPACE (219) request header; the reply body is a KVTable:
 *   namespace  string  required
 */
const GET_KV_LIST_BY_NAMESPACE_REQUEST_FIELDS = {
  namespace: field.string(),
};

export type GetKVListByNamespaceRequestHeader = HeaderOf<typeof GET_KV_LIST_BY_NAMESPACE_REQUEST_FIELDS>;

export const GetKVListByNamespaceRequestHeader = headerCodec('GetKVListByNamespaceRequestHeader', GET_KV_LIST_BY_NAMESPACE_REQUEST_FIELDS);
