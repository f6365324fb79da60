import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * QUERY_MESSAGE (12) response header (docs/remoting-protocol.md#requests-the-broker-serves):
 *   indexLastUpdateTimestamp  long  required
 *   indexLastUpdatePhyoffset  long  required
 */
const QUERY_MESSAGE_RESPONSE_FIELDS = {
  indexLastUpdateTimestamp: field.long(),
  indexLastUpdatePhyoffset: field.long(),
};

export type QueryMessageResponseHeader = HeaderOf<typeof QUERY_MESSAGE_RESPONSE_FIELDS>;

export const QueryMessageResponseHeader = headerCodec('QueryMessageResponseHeader', QUERY_MESSAGE_RESPONSE_FIELDS);
