import type { ExtFields } from '../command/remoting-command';
import { requireLong } from './header-fields';

/**
 * The one-field reply header of QUERY_CONSUMER_OFFSET (14), SEARCH_OFFSET_BY_TIMESTAMP (29),
 * GET_MAX_OFFSET (30) and GET_MIN_OFFSET (31) (docs/remoting-protocol.md#requests-the-broker-serves–5.4; Java has one class per code,
 * all with this shape):
 *   offset  long  required  ali-ons reads it with Number()
 */
export interface OffsetResponseHeader {
  readonly offset: number;
}

const NAME = 'OffsetResponseHeader';

export const OffsetResponseHeader = {
  encode(header: OffsetResponseHeader): ExtFields {
    return { offset: String(header.offset) };
  },

  decode(ext: ExtFields | undefined): OffsetResponseHeader {
    return { offset: requireLong(ext, 'offset', NAME) };
  },
};
