import type { ExtFields } from '../command/remoting-command';
import { HeaderError } from './header-error';
import { requireInt, requireString } from './header-fields';

/**
 * QUERY_MESSAGE (12) request header (design note §5.5). With the extra extField
 * `_UNIQUE_KEY_QUERY=true` the key is a UNIQ_KEY rather than one of the KEYS.
 *   topic           string  required
 *   key             string  required
 *   maxNum          int     required
 *   beginTimestamp  long    required
 *   endTimestamp    long    required  Java's admin tools send Long.MAX_VALUE for "no end": clamped
 *                                     to the largest safe integer rather than refused
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
      beginTimestamp: requireClampedLong(ext, 'beginTimestamp'),
      endTimestamp: requireClampedLong(ext, 'endTimestamp'),
    };
  },
};

/** A long that may lie beyond ±2^53 (a time bound of "forever"), clamped to the safe range. */
function requireClampedLong(ext: ExtFields | undefined, field: string): number {
  const text = requireString(ext, field, NAME);
  if (!/^[+-]?\d+$/.test(text)) throw new HeaderError(NAME, field, `not an integer: ${JSON.stringify(text.slice(0, 40))}`);
  const value = Number(text);
  return Math.max(Number.MIN_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, value)) || 0;
}
