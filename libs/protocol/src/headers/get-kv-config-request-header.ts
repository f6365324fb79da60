import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * GET_KV_CONFIG (101) request header:
 *   namespace  string  required
 *   key        string  required
 */
const GET_KV_CONFIG_REQUEST_FIELDS = {
  namespace: field.string(),
  key: field.string(),
};

export type GetKVConfigRequestHeader = HeaderOf<typeof GET_KV_CONFIG_REQUEST_FIELDS>;

export const GetKVConfigRequestHeader = headerCodec('GetKVConfigRequestHeader', GET_KV_CONFIG_REQUEST_FIELDS);
