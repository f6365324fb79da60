import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * GET_KV_CONFIG (101) response header:
 *   value  string  optional  absent together with code QUERY_NOT_FOUND
 */
const GET_KV_CONFIG_RESPONSE_FIELDS = {
  value: field.string().optional(),
};

export type GetKVConfigResponseHeader = HeaderOf<typeof GET_KV_CONFIG_RESPONSE_FIELDS>;

export const GetKVConfigResponseHeader = headerCodec('GetKVConfigResponseHeader', GET_KV_CONFIG_RESPONSE_FIELDS);
