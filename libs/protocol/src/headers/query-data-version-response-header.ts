import type { ExtFields } from '../command/remoting-command';
import { requireBoolean } from './header-fields';

/**
 * QUERY_DATA_VERSION (322) response header:
 *   changed  boolean  required  true when the broker's DataVersion differs from the namesrv's copy,
 *                               i.e. the broker should send a full REGISTER_BROKER
 */
export interface QueryDataVersionResponseHeader {
  readonly changed: boolean;
}

const NAME = 'QueryDataVersionResponseHeader';

export const QueryDataVersionResponseHeader = {
  encode(header: QueryDataVersionResponseHeader): ExtFields {
    return { changed: String(header.changed) };
  },

  decode(ext: ExtFields | undefined): QueryDataVersionResponseHeader {
    return { changed: requireBoolean(ext, 'changed', NAME) };
  },
};
