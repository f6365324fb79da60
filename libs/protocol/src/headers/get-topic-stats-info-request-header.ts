import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * GET_TOPIC_STATS_INFO (202) request header:
 *   topic  string  required
 */
const GET_TOPIC_STATS_INFO_REQUEST_FIELDS = {
  topic: field.string(),
};

export type GetTopicStatsInfoRequestHeader = HeaderOf<typeof GET_TOPIC_STATS_INFO_REQUEST_FIELDS>;

export const GetTopicStatsInfoRequestHeader = headerCodec('GetTopicStatsInfoRequestHeader', GET_TOPIC_STATS_INFO_REQUEST_FIELDS);
