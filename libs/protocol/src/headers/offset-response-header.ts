import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * The one-field reply header of QUERY_CONSUMER_OFFSET (14), SEARCH_OFFSET_BY_TIMESTAMP (29),
 * GET_MAX_OFFSET (30) and GET_MIN_OFFSET (31) (docs/remoting-protocol.md#requests-the-broker-serves–5.4; Java has one class per code,
 * all with this shape):
 *   offset  long  required  ali-ons reads it with Number()
 */
const OFFSET_RESPONSE_FIELDS = {
  offset: field.long(),
};

export type OffsetResponseHeader = HeaderOf<typeof OFFSET_RESPONSE_FIELDS>;

export const OffsetResponseHeader = headerCodec('OffsetResponseHeader', OFFSET_RESPONSE_FIELDS);
