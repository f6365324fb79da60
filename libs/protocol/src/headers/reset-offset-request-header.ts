import type { ExtFields } from '../command/remoting-command';
import { optionalBoolean, optionalInt, optionalString, parseLong, requireLong, requireString } from './header-fields';

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
export interface ResetOffsetRequestHeader {
  readonly topic: string;
  readonly group: string;
  readonly timestamp: number;
  readonly isForce: boolean;
  readonly queueId?: number;
  readonly offset?: number;
}

const NAME = 'ResetOffsetRequestHeader';

export const ResetOffsetRequestHeader = {
  encode(header: ResetOffsetRequestHeader): ExtFields {
    const ext: ExtFields = { topic: header.topic, group: header.group, timestamp: String(header.timestamp), isForce: String(header.isForce) };
    if (header.queueId !== undefined) ext['queueId'] = String(header.queueId);
    if (header.offset !== undefined) ext['offset'] = String(header.offset);
    return ext;
  },

  decode(ext: ExtFields | undefined): ResetOffsetRequestHeader {
    const offsetText = optionalString(ext, 'offset');
    const header: ResetOffsetRequestHeader = {
      topic: requireString(ext, 'topic', NAME),
      group: requireString(ext, 'group', NAME),
      timestamp: requireLong(ext, 'timestamp', NAME),
      isForce: optionalBoolean(ext, 'isForce') ?? false,
      queueId: optionalInt(ext, 'queueId', NAME),
      // Java's Long offset: an empty string is how some tools write null.
      offset: offsetText === undefined || offsetText === '' ? undefined : parseLong(offsetText, 'offset', NAME),
    };
    return header;
  },
};
