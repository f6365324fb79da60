import type { ExtFields } from '../command/remoting-command';
import { optionalString } from './header-fields';

/**
 * GET_KV_CONFIG (101) response header:
 *   value  string  optional  absent together with code QUERY_NOT_FOUND
 */
export interface GetKVConfigResponseHeader {
  readonly value?: string;
}

export const GetKVConfigResponseHeader = {
  encode(header: GetKVConfigResponseHeader): ExtFields {
    return header.value === undefined ? {} : { value: header.value };
  },

  decode(ext: ExtFields | undefined): GetKVConfigResponseHeader {
    return { value: optionalString(ext, 'value') };
  },
};
