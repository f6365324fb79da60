import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * REGISTER_BROKER (103) request header, flattened into extFields (docs/remoting-protocol.md#requests-the-broker-serves):
 *   brokerName              string   required
 *   brokerAddr              string   required  brokerIP1:listenPort
 *   clusterName             string   required
 *   haServerAddr            string   required  brokerIP2:haPort
 *   brokerId                long     required  0 = master
 *   heartbeatTimeoutMillis  long     optional  namesrv default 120 000
 *   enableActingMaster      boolean  optional
 *   compressed              boolean  Java always sends it; absent reads as false
 *   bodyCrc32               int      Java always sends it; CRC32 of the body masked to 31 bits, 0 = unchecked
 */
const REGISTER_BROKER_REQUEST_FIELDS = {
  brokerName: field.string(),
  brokerAddr: field.string(),
  clusterName: field.string(),
  haServerAddr: field.string(),
  brokerId: field.long(),
  heartbeatTimeoutMillis: field.long().optional(),
  enableActingMaster: field.boolean().optional(),
  compressed: field.boolean().default(false),
  bodyCrc32: field.int().default(0),
};

export type RegisterBrokerRequestHeader = HeaderOf<typeof REGISTER_BROKER_REQUEST_FIELDS>;

export const RegisterBrokerRequestHeader = headerCodec('RegisterBrokerRequestHeader', REGISTER_BROKER_REQUEST_FIELDS);
