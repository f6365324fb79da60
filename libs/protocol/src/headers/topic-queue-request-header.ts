import type { ExtFields } from '../command/remoting-command';
import { optionalBoolean, requireInt, requireString } from './header-fields';

/**
 * The `{topic, queueId}` request header of GET_MAX_OFFSET (30), GET_MIN_OFFSET (31) and
 * GET_EARLIEST_MSG_STORETIME (32) (docs/remoting-protocol.md#requests-the-broker-serves):
 *   topic      string   required
 *   queueId    int      required
 *   committed  boolean  optional  GET_MAX_OFFSET only (5.x); we have no uncommitted tail
 */
export interface TopicQueueRequestHeader {
  readonly topic: string;
  readonly queueId: number;
  readonly committed?: boolean;
}

const NAME = 'TopicQueueRequestHeader';

export const TopicQueueRequestHeader = {
  encode(header: TopicQueueRequestHeader): ExtFields {
    const ext: ExtFields = { topic: header.topic, queueId: String(header.queueId) };
    if (header.committed !== undefined) ext['committed'] = String(header.committed);
    return ext;
  },

  decode(ext: ExtFields | undefined): TopicQueueRequestHeader {
    return {
      topic: requireString(ext, 'topic', NAME),
      queueId: requireInt(ext, 'queueId', NAME),
      committed: optionalBoolean(ext, 'committed'),
    };
  },
};
