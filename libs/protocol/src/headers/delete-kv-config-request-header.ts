import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * DELETE_KV_CONFIG (102) request header:
 *   namespace  string  required
 *   key        string  required
 */
const DELETE_KV_CONFIG_REQUEST_FIELDS = {
  namespace: field.string(),
  key: field.string(),
};

export type DeleteKVConfigRequestHeader = HeaderOf<typeof DELETE_KV_CONFIG_REQUEST_FIELDS>;

export const DeleteKVConfigRequestHeader = headerCodec('DeleteKVConfigRequestHeader', DELETE_KV_CONFIG_REQUEST_FIELDS);
