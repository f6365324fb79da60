import type { ExtFields } from '../command/remoting-command';
import { requireString } from './header-fields';

/**
 * WIPE_WRITE_PERM_OF_BROKER (205) request header:
 *   brokerName  string  required  every topic queue of this broker name is affected
 */
export interface WipeWritePermOfBrokerRequestHeader {
  readonly brokerName: string;
}

const NAME = 'WipeWritePermOfBrokerRequestHeader';

export const WipeWritePermOfBrokerRequestHeader = {
  encode(header: WipeWritePermOfBrokerRequestHeader): ExtFields {
    return { brokerName: header.brokerName };
  },

  decode(ext: ExtFields | undefined): WipeWritePermOfBrokerRequestHeader {
    return { brokerName: requireString(ext, 'brokerName', NAME) };
  },
};
