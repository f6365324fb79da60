import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * GET_CONSUMER_CONNECTION_LIST (203) request header:
 *   consumerGroup  string  required
 */
const GET_CONSUMER_CONNECTION_LIST_REQUEST_FIELDS = {
  consumerGroup: field.string(),
};

export type GetConsumerConnectionListRequestHeader = HeaderOf<typeof GET_CONSUMER_CONNECTION_LIST_REQUEST_FIELDS>;

export const GetConsumerConnectionListRequestHeader = headerCodec(
  'GetConsumerConnectionListRequestHeader',
  GET_CONSUMER_CONNECTION_LIST_REQUEST_FIELDS,
);
