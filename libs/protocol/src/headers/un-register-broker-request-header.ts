import type { ExtFields } from '../command/remoting-command';
import { requireLong, requireString } from './header-fields';

/**
 * UNREGISTER_BROKER (104) request header:
 *   brokerName   string  required
 *   brokerAddr   string  required  brokerIP1:listenPort
 *   clusterName  string  required
 *   brokerId     long    required  0 = master
 */
export interface UnRegisterBrokerRequestHeader {
  readonly brokerName: string;
  readonly brokerAddr: string;
  readonly clusterName: string;
  readonly brokerId: number;
}

const NAME = 'UnRegisterBrokerRequestHeader';

export const UnRegisterBrokerRequestHeader = {
  encode(header: UnRegisterBrokerRequestHeader): ExtFields {
    return {
      brokerName: header.brokerName,
      brokerAddr: header.brokerAddr,
      clusterName: header.clusterName,
      brokerId: String(header.brokerId),
    };
  },

  decode(ext: ExtFields | undefined): UnRegisterBrokerRequestHeader {
    return {
      brokerName: requireString(ext, 'brokerName', NAME),
      brokerAddr: requireString(ext, 'brokerAddr', NAME),
      clusterName: requireString(ext, 'clusterName', NAME),
      brokerId: requireLong(ext, 'brokerId', NAME),
    };
  },
};
