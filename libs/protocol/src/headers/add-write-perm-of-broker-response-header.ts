import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * ADD_WRITE_PERM_OF_BROKER (327) response header:
 *   addTopicCount  int  required  number of topics whose queue data changed
 */
const ADD_WRITE_PERM_OF_BROKER_RESPONSE_FIELDS = {
  addTopicCount: field.int(),
};

export type AddWritePermOfBrokerResponseHeader = HeaderOf<typeof ADD_WRITE_PERM_OF_BROKER_RESPONSE_FIELDS>;

export const AddWritePermOfBrokerResponseHeader = headerCodec(
  'AddWritePermOfBrokerResponseHeader',
  ADD_WRITE_PERM_OF_BROKER_RESPONSE_FIELDS,
);
