import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * QUERY_MESSAGE (12) request header (docs/remoting-protocol.md#requests-the-broker-serves). With the extra extField
 * `_UNIQUE_KEY_QUERY=true` the key is a UNIQ_KEY rather than one of the KEYS.
 *   topic           string  required
 *   key             string  required
 *   maxNum          int     required
 *   beginTimestamp  long    required
 *   endTimestamp    long    required  Java's admin tools send Long.MAX_VALUE for "no end", which
 *                                     saturates like every quantity long
 */
const QUERY_MESSAGE_REQUEST_FIELDS = {
  topic: field.string(),
  key: field.string(),
  maxNum: field.int(),
  beginTimestamp: field.long(),
  endTimestamp: field.long(),
};

export type QueryMessageRequestHeader = HeaderOf<typeof QUERY_MESSAGE_REQUEST_FIELDS>;

/** The extField a client adds when it looks a message up by its client id (UNIQ_KEY). */
export const UNIQUE_KEY_QUERY_FIELD = '_UNIQUE_KEY_QUERY';

export const QueryMessageRequestHeader = headerCodec('QueryMessageRequestHeader', QUERY_MESSAGE_REQUEST_FIELDS);
