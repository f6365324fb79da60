import type { ExtFields } from '../command/remoting-command';
import { requireString } from './header-fields';

/**
 * GET_BROKER_MEMBER_GROUP (901) request header; the reply body is GetBrokerMemberGroupResponseBody:
 *   clusterName  string  required
 *   brokerName   string  required
 */
export interface GetBrokerMemberGroupRequestHeader {
  readonly clusterName: string;
  readonly brokerName: string;
}

const NAME = 'GetBrokerMemberGroupRequestHeader';

export const GetBrokerMemberGroupRequestHeader = {
  encode(header: GetBrokerMemberGroupRequestHeader): ExtFields {
    return { clusterName: header.clusterName, brokerName: header.brokerName };
  },

  decode(ext: ExtFields | undefined): GetBrokerMemberGroupRequestHeader {
    return { clusterName: requireString(ext, 'clusterName', NAME), brokerName: requireString(ext, 'brokerName', NAME) };
  },
};
