import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * WIPE_WRITE_PERM_OF_BROKER (205) request header:
 *   brokerName  string  required  every topic queue of this broker name is affected
 */
const WIPE_WRITE_PERM_OF_BROKER_REQUEST_FIELDS = {
  brokerName: field.string(),
};

export type WipeWritePermOfBrokerRequestHeader = HeaderOf<typeof WIPE_WRITE_PERM_OF_BROKER_REQUEST_FIELDS>;

export const WipeWritePermOfBrokerRequestHeader = headerCodec(
  'WipeWritePermOfBrokerRequestHeader',
  WIPE_WRITE_PERM_OF_BROKER_REQUEST_FIELDS,
);
