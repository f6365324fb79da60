import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * WIPE_WRITE_PERM_OF_BROKER (205) response header:
 *   wipeTopicCount  int  required  number of topics whose queue data changed
 */
const WIPE_WRITE_PERM_OF_BROKER_RESPONSE_FIELDS = {
  wipeTopicCount: field.int(),
};

export type WipeWritePermOfBrokerResponseHeader = HeaderOf<typeof WIPE_WRITE_PERM_OF_BROKER_RESPONSE_FIELDS>;

export const WipeWritePermOfBrokerResponseHeader = headerCodec(
  'WipeWritePermOfBrokerResponseHeader',
  WIPE_WRITE_PERM_OF_BROKER_RESPONSE_FIELDS,
);
