import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * QUERY_CONSUMER_OFFSET (14) request header (docs/remoting-protocol.md#requests-the-broker-serves):
 *   consumerGroup      string   required
 *   topic              string   required
 *   queueId            int      required
 *   setZeroIfNotFound  boolean  optional  false: always QUERY_NOT_FOUND when nothing is stored
 *   bname              string   optional  5.x static topics
 */
const QUERY_CONSUMER_OFFSET_REQUEST_FIELDS = {
  consumerGroup: field.string(),
  topic: field.string(),
  queueId: field.int(),
  setZeroIfNotFound: field.boolean().optional(),
  bname: field.string().optional(),
};

export type QueryConsumerOffsetRequestHeader = HeaderOf<typeof QUERY_CONSUMER_OFFSET_REQUEST_FIELDS>;

export const QueryConsumerOffsetRequestHeader = headerCodec('QueryConsumerOffsetRequestHeader', QUERY_CONSUMER_OFFSET_REQUEST_FIELDS);
