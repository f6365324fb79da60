import type { ExtFields } from '../command/remoting-command';
import { requireInt } from './header-fields';

/**
 * ADD_WRITE_PERM_OF_BROKER (327) response header:
 *   addTopicCount  int  required  number of topics whose queue data changed
 */
export interface AddWritePermOfBrokerResponseHeader {
  readonly addTopicCount: number;
}

const NAME = 'AddWritePermOfBrokerResponseHeader';

export const AddWritePermOfBrokerResponseHeader = {
  encode(header: AddWritePermOfBrokerResponseHeader): ExtFields {
    return { addTopicCount: String(header.addTopicCount) };
  },

  decode(ext: ExtFields | undefined): AddWritePermOfBrokerResponseHeader {
    return { addTopicCount: requireInt(ext, 'addTopicCount', NAME) };
  },
};
