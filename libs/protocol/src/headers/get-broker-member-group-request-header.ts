import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * GET_BROKER_MEMBER_GROUP (901) request header; the reply body is GetBrokerMemberGroupResponseBody:
 *   clusterName  string  required
 *   brokerName   string  required
 */
const GET_BROKER_MEMBER_GROUP_REQUEST_FIELDS = {
  clusterName: field.string(),
  brokerName: field.string(),
};

export type GetBrokerMemberGroupRequestHeader = HeaderOf<typeof GET_BROKER_MEMBER_GROUP_REQUEST_FIELDS>;

export const GetBrokerMemberGroupRequestHeader = headerCodec('GetBrokerMemberGroupRequestHeader', GET_BROKER_MEMBER_GROUP_REQUEST_FIELDS);
