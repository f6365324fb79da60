import type { ExtFields } from '../command/remoting-command';
import { optionalBoolean, optionalInt, optionalLong, requireLong, requireString } from './header-fields';

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
export interface RegisterBrokerRequestHeader {
  readonly brokerName: string;
  readonly brokerAddr: string;
  readonly clusterName: string;
  readonly haServerAddr: string;
  readonly brokerId: number;
  readonly heartbeatTimeoutMillis?: number;
  readonly enableActingMaster?: boolean;
  readonly compressed: boolean;
  readonly bodyCrc32: number;
}

const NAME = 'RegisterBrokerRequestHeader';

export const RegisterBrokerRequestHeader = {
  encode(header: RegisterBrokerRequestHeader): ExtFields {
    const ext: ExtFields = {
      brokerName: header.brokerName,
      brokerAddr: header.brokerAddr,
      clusterName: header.clusterName,
      haServerAddr: header.haServerAddr,
      brokerId: String(header.brokerId),
      compressed: String(header.compressed),
      bodyCrc32: String(header.bodyCrc32),
    };
    if (header.heartbeatTimeoutMillis !== undefined) ext['heartbeatTimeoutMillis'] = String(header.heartbeatTimeoutMillis);
    if (header.enableActingMaster !== undefined) ext['enableActingMaster'] = String(header.enableActingMaster);
    return ext;
  },

  decode(ext: ExtFields | undefined): RegisterBrokerRequestHeader {
    return {
      brokerName: requireString(ext, 'brokerName', NAME),
      brokerAddr: requireString(ext, 'brokerAddr', NAME),
      clusterName: requireString(ext, 'clusterName', NAME),
      haServerAddr: requireString(ext, 'haServerAddr', NAME),
      brokerId: requireLong(ext, 'brokerId', NAME),
      heartbeatTimeoutMillis: optionalLong(ext, 'heartbeatTimeoutMillis', NAME),
      enableActingMaster: optionalBoolean(ext, 'enableActingMaster'),
      compressed: optionalBoolean(ext, 'compressed') ?? false,
      bodyCrc32: optionalInt(ext, 'bodyCrc32', NAME) ?? 0,
    };
  },
};
