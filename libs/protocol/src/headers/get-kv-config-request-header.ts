import type { ExtFields } from '../command/remoting-command';
import { requireString } from './header-fields';

/**
 * GET_KV_CONFIG (101) request header:
 *   namespace  string  required
 *   key        string  required
 */
export interface GetKVConfigRequestHeader {
  readonly namespace: string;
  readonly key: string;
}

const NAME = 'GetKVConfigRequestHeader';

export const GetKVConfigRequestHeader = {
  encode(header: GetKVConfigRequestHeader): ExtFields {
    return { namespace: header.namespace, key: header.key };
  },

  decode(ext: ExtFields | undefined): GetKVConfigRequestHeader {
    return { namespace: requireString(ext, 'namespace', NAME), key: requireString(ext, 'key', NAME) };
  },
};
