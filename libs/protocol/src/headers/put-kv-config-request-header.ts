import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * PUT_KV_CONFIG (100) request header:
 *   namespace  string  required  e.g. ORDER_TOPIC_CONFIG
 *   key        string  required
 *   value      string  required
 */
const PUT_KV_CONFIG_REQUEST_FIELDS = {
  namespace: field.string(),
  key: field.string(),
  value: field.string(),
};

export type PutKVConfigRequestHeader = HeaderOf<typeof PUT_KV_CONFIG_REQUEST_FIELDS>;

export const PutKVConfigRequestHeader = headerCodec('PutKVConfigRequestHeader', PUT_KV_CONFIG_REQUEST_FIELDS);
