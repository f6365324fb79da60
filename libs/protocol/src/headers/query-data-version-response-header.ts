import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * QUERY_DATA_VERSION (322) response header:
 *   changed  boolean  required  true when the broker's DataVersion differs from the namesrv's copy,
 *                               i.e. the broker should send a full REGISTER_BROKER
 */
const QUERY_DATA_VERSION_RESPONSE_FIELDS = {
  changed: field.boolean(),
};

export type QueryDataVersionResponseHeader = HeaderOf<typeof QUERY_DATA_VERSION_RESPONSE_FIELDS>;

export const QueryDataVersionResponseHeader = headerCodec('QueryDataVersionResponseHeader', QUERY_DATA_VERSION_RESPONSE_FIELDS);
