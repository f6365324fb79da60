import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * The `{topic, queueId}` request header of GET_MAX_OFFSET (30), GET_MIN_OFFSET (31) and
 * GET_EARLIEST_MSG_STORETIME (32) (docs/remoting-protocol.md#requests-the-broker-serves):
 *   topic      string   required
 *   queueId    int      required
 *   committed  boolean  optional  GET_MAX_OFFSET only (5.x); we have no uncommitted tail
 */
const TOPIC_QUEUE_REQUEST_FIELDS = {
  topic: field.string(),
  queueId: field.int(),
  committed: field.boolean().optional(),
};

export type TopicQueueRequestHeader = HeaderOf<typeof TOPIC_QUEUE_REQUEST_FIELDS>;

export const TopicQueueRequestHeader = headerCodec('TopicQueueRequestHeader', TOPIC_QUEUE_REQUEST_FIELDS);
