import type { ExtFields } from '../command/remoting-command';
import { requireString } from './header-fields';

/**
 * PUT_KV_CONFIG (100) request header:
 *   namespace  string  required  e.g. ORDER_TOPIC_CONFIG
 *   key        string  required
 *   value      string  required
 */
export interface PutKVConfigRequestHeader {
  readonly namespace: string;
  readonly key: string;
  readonly value: string;
}

const NAME = 'PutKVConfigRequestHeader';

export const PutKVConfigRequestHeader = {
  encode(header: PutKVConfigRequestHeader): ExtFields {
    return { namespace: header.namespace, key: header.key, value: header.value };
  },

  decode(ext: ExtFields | undefined): PutKVConfigRequestHeader {
    return {
      namespace: requireString(ext, 'namespace', NAME),
      key: requireString(ext, 'key', NAME),
      value: requireString(ext, 'value', NAME),
    };
  },
};
