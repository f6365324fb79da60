import type { ExtFields } from '../command/remoting-command';
import { optionalString } from './header-fields';

/**
 * REGISTER_BROKER (103) response header; both fields are set only when a slave registers:
 *   haServerAddr  string  optional  the master's HA address
 *   masterAddr    string  optional  the master's brokerAddr
 */
export interface RegisterBrokerResponseHeader {
  readonly haServerAddr?: string;
  readonly masterAddr?: string;
}

export const RegisterBrokerResponseHeader = {
  encode(header: RegisterBrokerResponseHeader): ExtFields {
    const ext: ExtFields = {};
    if (header.haServerAddr !== undefined) ext['haServerAddr'] = header.haServerAddr;
    if (header.masterAddr !== undefined) ext['masterAddr'] = header.masterAddr;
    return ext;
  },

  decode(ext: ExtFields | undefined): RegisterBrokerResponseHeader {
    return { haServerAddr: optionalString(ext, 'haServerAddr'), masterAddr: optionalString(ext, 'masterAddr') };
  },
};
