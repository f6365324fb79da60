import type { ExtFields } from '../command/remoting-command';
import { requireString } from './header-fields';

/**
 * DELETE_KV_CONFIG (102) request header:
 *   namespace  string  required
 *   key        string  required
 */
export interface DeleteKVConfigRequestHeader {
  readonly namespace: string;
  readonly key: string;
}

const NAME = 'DeleteKVConfigRequestHeader';

export const DeleteKVConfigRequestHeader = {
  encode(header: DeleteKVConfigRequestHeader): ExtFields {
    return { namespace: header.namespace, key: header.key };
  },

  decode(ext: ExtFields | undefined): DeleteKVConfigRequestHeader {
    return { namespace: requireString(ext, 'namespace', NAME), key: requireString(ext, 'key', NAME) };
  },
};
