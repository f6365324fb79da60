import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * SEARCH_OFFSET_BY_TIMESTAMP (29) request header (docs/remoting-protocol.md#requests-the-broker-serves); reply is OffsetResponseHeader:
 *   topic         string  required
 *   queueId       int     required
 *   timestamp     long    required  ms since the epoch
 *   boundaryType  string  optional  LOWER (default) or UPPER (5.x)
 */
const SEARCH_OFFSET_REQUEST_FIELDS = {
  topic: field.string(),
  queueId: field.int(),
  timestamp: field.long(),
  boundaryType: field.string().optional(),
};

export type SearchOffsetRequestHeader = HeaderOf<typeof SEARCH_OFFSET_REQUEST_FIELDS>;

export const SearchOffsetRequestHeader = headerCodec('SearchOffsetRequestHeader', SEARCH_OFFSET_REQUEST_FIELDS);
