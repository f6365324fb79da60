import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * GET_PRODUCER_CONNECTION_LIST (204) request header:
 *   producerGroup  string  required
 */
const GET_PRODUCER_CONNECTION_LIST_REQUEST_FIELDS = {
  producerGroup: field.string(),
};

export type GetProducerConnectionListRequestHeader = HeaderOf<typeof GET_PRODUCER_CONNECTION_LIST_REQUEST_FIELDS>;

export const GetProducerConnectionListRequestHeader = headerCodec(
  'GetProducerConnectionListRequestHeader',
  GET_PRODUCER_CONNECTION_LIST_REQUEST_FIELDS,
);
