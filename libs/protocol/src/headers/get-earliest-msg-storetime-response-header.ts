import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * GET_EARLIEST_MSG_STORETIME (32) response header (request: TopicQueueRequestHeader):
 *   timestamp  long  required  store time of the queue's first message
 */
const GET_EARLIEST_MSG_STORETIME_RESPONSE_FIELDS = {
  timestamp: field.long(),
};

export type GetEarliestMsgStoretimeResponseHeader = HeaderOf<typeof GET_EARLIEST_MSG_STORETIME_RESPONSE_FIELDS>;

export const GetEarliestMsgStoretimeResponseHeader = headerCodec(
  'GetEarliestMsgStoretimeResponseHeader',
  GET_EARLIEST_MSG_STORETIME_RESPONSE_FIELDS,
);
