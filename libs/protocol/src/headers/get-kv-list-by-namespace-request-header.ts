import type { ExtFields } from '../command/remoting-command';
import { requireString } from './header-fields';

/**
 * GET_KVLIST_BY_NAMESPACE (219) request header; the reply body is a KVTable:
 *   namespace  string  required
 */
export interface GetKVListByNamespaceRequestHeader {
  readonly namespace: string;
}

const NAME = 'GetKVListByNamespaceRequestHeader';

export const GetKVListByNamespaceRequestHeader = {
  encode(header: GetKVListByNamespaceRequestHeader): ExtFields {
    return { namespace: header.namespace };
  },

  decode(ext: ExtFields | undefined): GetKVListByNamespaceRequestHeader {
    return { namespace: requireString(ext, 'namespace', NAME) };
  },
};
