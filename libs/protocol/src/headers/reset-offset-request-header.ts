import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * ResetOffsetRequestHeader: INVOKE_BROKER_TO_RESET_OFFSET (222, tool → broker) and
 * RESET_CONSUMER_CLIENT_OFFSET (220, broker → client, with a ResetOffsetBody):
 *   topic      string   required
 *   group      string   required
 *   timestamp  long     required  -1 = the queue's max offset (skip the backlog)
 *   isForce    boolean  optional  true: move even forward; false: only back (Java field name, `is` kept)
 *   queueId    int      optional  5.x: one queue; -1 or absent = every queue
 *   offset     long     optional  5.x: that queue's exact offset instead of a time
 */
const RESET_OFFSET_REQUEST_FIELDS = {
  topic: field.string(),
  group: field.string(),
  timestamp: field.long(),
  isForce: field.boolean().default(false),
  queueId: field.int().optional(),
  /** Java's Long offset: an empty string is how some tools write null. */
  offset: field.long().optional().absentWhen('empty'),
};

export type ResetOffsetRequestHeader = HeaderOf<typeof RESET_OFFSET_REQUEST_FIELDS>;

export const ResetOffsetRequestHeader = headerCodec('ResetOffsetRequestHeader', RESET_OFFSET_REQUEST_FIELDS);
