import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * GET_CONSUME_STATS (208) request header (docs/remoting-protocol.md#requests-the-broker-serves):
 *   consumerGroup  string  required
 *   topic          string  optional  blank = every topic the group committed offsets for
 * Java 5.x tools may add RPC keys (brokerName, lo, namespace); they are ignored.
 */
const GET_CONSUME_STATS_REQUEST_FIELDS = {
  consumerGroup: field.string(),
  topic: field.string().optional().absentWhen('blank'),
};

export type GetConsumeStatsRequestHeader = HeaderOf<typeof GET_CONSUME_STATS_REQUEST_FIELDS>;

export const GetConsumeStatsRequestHeader = headerCodec('GetConsumeStatsRequestHeader', GET_CONSUME_STATS_REQUEST_FIELDS);
