import type { ExtFields } from '../command/remoting-command';
import { requireLong } from './header-fields';

/**
 * QUERY_MESSAGE (12) response header (docs/remoting-protocol.md#requests-the-broker-serves):
 *   indexLastUpdateTimestamp  long  required
 *   indexLastUpdatePhyoffset  long  required
 */
export interface QueryMessageResponseHeader {
  readonly indexLastUpdateTimestamp: number;
  readonly indexLastUpdatePhyoffset: number;
}

const NAME = 'QueryMessageResponseHeader';

export const QueryMessageResponseHeader = {
  encode(header: QueryMessageResponseHeader): ExtFields {
    return {
      indexLastUpdateTimestamp: String(header.indexLastUpdateTimestamp),
      indexLastUpdatePhyoffset: String(header.indexLastUpdatePhyoffset),
    };
  },

  decode(ext: ExtFields | undefined): QueryMessageResponseHeader {
    return {
      indexLastUpdateTimestamp: requireLong(ext, 'indexLastUpdateTimestamp', NAME),
      indexLastUpdatePhyoffset: requireLong(ext, 'indexLastUpdatePhyoffset', NAME),
    };
  },
};
