import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * UNREGISTER_CLIENT (35) request header:
 *   clientID       string  required
 *   producerGroup  string  optional  unregister the producer of this group
 *   consumerGroup  string  optional  unregister the consumer of this group
 */
const UNREGISTER_CLIENT_REQUEST_FIELDS = {
  clientID: field.string(),
  producerGroup: field.string().optional(),
  consumerGroup: field.string().optional(),
};

export type UnregisterClientRequestHeader = HeaderOf<typeof UNREGISTER_CLIENT_REQUEST_FIELDS>;

export const UnregisterClientRequestHeader = headerCodec('UnregisterClientRequestHeader', UNREGISTER_CLIENT_REQUEST_FIELDS);
