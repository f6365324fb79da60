import type { ExtFields } from '../command/remoting-command';
import { requireLong, requireString } from './header-fields';

/**
 * QUERY_DATA_VERSION (322) request header; the body carries the broker's DataVersion:
 *   brokerName   string  required
 *   brokerAddr   string  required  brokerIP1:listenPort
 *   clusterName  string  required
 *   brokerId     long    required  0 = master
 */
export interface QueryDataVersionRequestHeader {
  readonly brokerName: string;
  readonly brokerAddr: string;
  readonly clusterName: string;
  readonly brokerId: number;
}

const NAME = 'QueryDataVersionRequestHeader';

export const QueryDataVersionRequestHeader = {
  encode(header: QueryDataVersionRequestHeader): ExtFields {
    return {
      brokerName: header.brokerName,
      brokerAddr: header.brokerAddr,
      clusterName: header.clusterName,
      brokerId: String(header.brokerId),
    };
  },

  decode(ext: ExtFields | undefined): QueryDataVersionRequestHeader {
    return {
      brokerName: requireString(ext, 'brokerName', NAME),
      brokerAddr: requireString(ext, 'brokerAddr', NAME),
      clusterName: requireString(ext, 'clusterName', NAME),
      brokerId: requireLong(ext, 'brokerId', NAME),
    };
  },
};
