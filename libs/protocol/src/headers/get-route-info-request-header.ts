import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * GET_ROUTEINFO_BY_TOPIC (105) request header:
 *   topic                   string   required
 *   acceptStandardJsonOnly  boolean  optional  true asks for quoted brokerAddrs keys whatever
 *                                              the requester's version (see usesStandardRouteJson)
 */
const GET_ROUTE_INFO_REQUEST_FIELDS = {
  topic: field.string(),
  acceptStandardJsonOnly: field.boolean().optional(),
};

export type GetRouteInfoRequestHeader = HeaderOf<typeof GET_ROUTE_INFO_REQUEST_FIELDS>;

export const GetRouteInfoRequestHeader = headerCodec('GetRouteInfoRequestHeader', GET_ROUTE_INFO_REQUEST_FIELDS);
