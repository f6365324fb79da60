import type { ExtFields } from '../command/remoting-command';
import { requireInt, requireLong, requireString } from './header-fields';

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
export interface QueryMessageRequestHeader {
  readonly topic: string;
  readonly key: string;
  readonly maxNum: number;
  readonly beginTimestamp: number;
  readonly endTimestamp: number;
}

const NAME = 'QueryMessageRequestHeader';

/** The extField a client adds when it looks a message up by its client id (UNIQ_KEY). */
export const UNIQUE_KEY_QUERY_FIELD = '_UNIQUE_KEY_QUERY';

export const QueryMessageRequestHeader = {
  encode(header: QueryMessageRequestHeader): ExtFields {
    return {
      topic: header.topic,
      key: header.key,
      maxNum: String(header.maxNum),
      beginTimestamp: String(header.beginTimestamp),
      endTimestamp: String(header.endTimestamp),
    };
  },

  decode(ext: ExtFields | undefined): QueryMessageRequestHeader {
    return {
      topic: requireString(ext, 'topic', NAME),
      key: requireString(ext, 'key', NAME),
      maxNum: requireInt(ext, 'maxNum', NAME),
      beginTimestamp: requireLong(ext, 'beginTimestamp', NAME),
      endTimestamp: requireLong(ext, 'endTimestamp', NAME),
    };
  },
};
