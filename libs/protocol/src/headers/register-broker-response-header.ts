import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * REGISTER_BROKER (103) response header; both fields are set only when a slave registers:
 *   haServerAddr  string  optional  the master's HA address
 *   masterAddr    string  optional  the master's brokerAddr
 */
const REGISTER_BROKER_RESPONSE_FIELDS = {
  haServerAddr: field.string().optional(),
  masterAddr: field.string().optional(),
};

export type RegisterBrokerResponseHeader = HeaderOf<typeof REGISTER_BROKER_RESPONSE_FIELDS>;

export const RegisterBrokerResponseHeader = headerCodec('RegisterBrokerResponseHeader', REGISTER_BROKER_RESPONSE_FIELDS);
