import type { ExtFields } from '../command/remoting-command';
import { requireInt } from './header-fields';

/**
 * WIPE_WRITE_PERM_OF_BROKER (205) response header:
 *   wipeTopicCount  int  required  number of topics whose queue data changed
 */
export interface WipeWritePermOfBrokerResponseHeader {
  readonly wipeTopicCount: number;
}

const NAME = 'WipeWritePermOfBrokerResponseHeader';

export const WipeWritePermOfBrokerResponseHeader = {
  encode(header: WipeWritePermOfBrokerResponseHeader): ExtFields {
    return { wipeTopicCount: String(header.wipeTopicCount) };
  },

  decode(ext: ExtFields | undefined): WipeWritePermOfBrokerResponseHeader {
    return { wipeTopicCount: requireInt(ext, 'wipeTopicCount', NAME) };
  },
};
