import type { ExtFields } from '../command/remoting-command';
import { optionalString, requireString } from './header-fields';

/**
 * GET_CONSUME_STATS (208) request header (docs/remoting-protocol.md#requests-the-broker-serves):
 *   consumerGroup  string  required
 *   topic          string  optional  blank = every topic the group committed offsets for
 * Java 5.x tools may add RPC keys (brokerName, lo, namespace); they are ignored.
 */
export interface GetConsumeStatsRequestHeader {
  readonly consumerGroup: string;
  readonly topic?: string;
}

const NAME = 'GetConsumeStatsRequestHeader';

export const GetConsumeStatsRequestHeader = {
  encode(header: GetConsumeStatsRequestHeader): ExtFields {
    const ext: ExtFields = { consumerGroup: header.consumerGroup };
    if (header.topic !== undefined) ext['topic'] = header.topic;
    return ext;
  },

  decode(ext: ExtFields | undefined): GetConsumeStatsRequestHeader {
    // Java tests the topic with UtilAll.isBlank: an empty or all-space topic means "no topic".
    const topic = optionalString(ext, 'topic');
    return { consumerGroup: requireString(ext, 'consumerGroup', NAME), topic: topic === undefined || topic.trim() === '' ? undefined : topic };
  },
};
