import type { ExtFields } from '../command/remoting-command';
import { optionalBoolean, requireString } from './header-fields';

/**
 * GET_ROUTEINFO_BY_TOPIC (105) request header:
 *   topic                   string   required
 *   acceptStandardJsonOnly  boolean  optional  true asks for quoted brokerAddrs keys whatever
 *                                              the requester's version (see usesStandardRouteJson)
 */
export interface GetRouteInfoRequestHeader {
  readonly topic: string;
  readonly acceptStandardJsonOnly?: boolean;
}

const NAME = 'GetRouteInfoRequestHeader';

export const GetRouteInfoRequestHeader = {
  encode(header: GetRouteInfoRequestHeader): ExtFields {
    const ext: ExtFields = { topic: header.topic };
    if (header.acceptStandardJsonOnly !== undefined) ext['acceptStandardJsonOnly'] = String(header.acceptStandardJsonOnly);
    return ext;
  },

  decode(ext: ExtFields | undefined): GetRouteInfoRequestHeader {
    return {
      topic: requireString(ext, 'topic', NAME),
      acceptStandardJsonOnly: optionalBoolean(ext, 'acceptStandardJsonOnly'),
    };
  },
};
