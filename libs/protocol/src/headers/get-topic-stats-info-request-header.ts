import type { ExtFields } from '../command/remoting-command';
import { requireString } from './header-fields';

/**
 * GET_TOPIC_STATS_INFO (202) request header:
 *   topic  string  required
 */
export interface GetTopicStatsInfoRequestHeader {
  readonly topic: string;
}

const NAME = 'GetTopicStatsInfoRequestHeader';

export const GetTopicStatsInfoRequestHeader = {
  encode(header: GetTopicStatsInfoRequestHeader): ExtFields {
    return { topic: header.topic };
  },

  decode(ext: ExtFields | undefined): GetTopicStatsInfoRequestHeader {
    return { topic: requireString(ext, 'topic', NAME) };
  },
};
