import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * Headers of the two admin requests the broker forwards to one consumer client
 * (docs/admin.md#forwarded-to-the-client), the same header on both legs:
 *
 *   GET_CONSUMER_RUNNING_INFO (307):  consumerGroup, clientId  string  required; jstackEnable boolean
 *   CONSUME_MESSAGE_DIRECTLY (309):   consumerGroup, clientId, msgId  string  required;
 *                                     brokerName, topic  string  optional; topicSysFlag,
 *                                     groupSysFlag  int  optional (the broker fills brokerName and
 *                                     the flags before forwarding)
 */
const GET_CONSUMER_RUNNING_INFO_REQUEST_FIELDS = {
  consumerGroup: field.string(),
  clientId: field.string(),
  jstackEnable: field.boolean().default(false),
};

export type GetConsumerRunningInfoRequestHeader = HeaderOf<typeof GET_CONSUMER_RUNNING_INFO_REQUEST_FIELDS>;

export const GetConsumerRunningInfoRequestHeader = headerCodec(
  'GetConsumerRunningInfoRequestHeader',
  GET_CONSUMER_RUNNING_INFO_REQUEST_FIELDS,
);

const CONSUME_MESSAGE_DIRECTLY_REQUEST_FIELDS = {
  consumerGroup: field.string(),
  clientId: field.string(),
  msgId: field.string(),
  brokerName: field.string().optional(),
  topic: field.string().optional(),
};

export type ConsumeMessageDirectlyRequestHeader = HeaderOf<typeof CONSUME_MESSAGE_DIRECTLY_REQUEST_FIELDS>;

export const ConsumeMessageDirectlyRequestHeader = headerCodec(
  'ConsumeMessageDirectlyResultRequestHeader',
  CONSUME_MESSAGE_DIRECTLY_REQUEST_FIELDS,
);
