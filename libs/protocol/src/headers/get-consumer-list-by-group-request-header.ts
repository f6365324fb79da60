import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * GET_CONSUMER_LIST_BY_GROUP (38) request header:
 *   consumerGroup  string  required
 */
const GET_CONSUMER_LIST_BY_GROUP_REQUEST_FIELDS = {
  consumerGroup: field.string(),
};

export type GetConsumerListByGroupRequestHeader = HeaderOf<typeof GET_CONSUMER_LIST_BY_GROUP_REQUEST_FIELDS>;

export const GetConsumerListByGroupRequestHeader = headerCodec(
  'GetConsumerListByGroupRequestHeader',
  GET_CONSUMER_LIST_BY_GROUP_REQUEST_FIELDS,
);
