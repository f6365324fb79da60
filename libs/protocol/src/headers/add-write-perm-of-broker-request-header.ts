import type { ExtFields } from '../command/remoting-command';
import { requireString } from './header-fields';

/**
 * ADD_WRITE_PERM_OF_BROKER (327) request header:
 *   brokerName  string  required  every topic queue of this broker name is affected
 */
export interface AddWritePermOfBrokerRequestHeader {
  readonly brokerName: string;
}

const NAME = 'AddWritePermOfBrokerRequestHeader';

export const AddWritePermOfBrokerRequestHeader = {
  encode(header: AddWritePermOfBrokerRequestHeader): ExtFields {
    return { brokerName: header.brokerName };
  },

  decode(ext: ExtFields | undefined): AddWritePermOfBrokerRequestHeader {
    return { brokerName: requireString(ext, 'brokerName', NAME) };
  },
};
