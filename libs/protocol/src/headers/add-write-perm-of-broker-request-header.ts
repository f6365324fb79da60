import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * ADD_WRITE_PERM_OF_BROKER (327) request header:
 *   brokerName  string  required  every topic queue of this broker name is affected
 */
const ADD_WRITE_PERM_OF_BROKER_REQUEST_FIELDS = {
  brokerName: field.string(),
};

export type AddWritePermOfBrokerRequestHeader = HeaderOf<typeof ADD_WRITE_PERM_OF_BROKER_REQUEST_FIELDS>;

export const AddWritePermOfBrokerRequestHeader = headerCodec('AddWritePermOfBrokerRequestHeader', ADD_WRITE_PERM_OF_BROKER_REQUEST_FIELDS);
