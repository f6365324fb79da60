import type { ExtFields } from '../command/remoting-command';
import { requireString } from './header-fields';

/**
 * GET_CONSUMER_CONNECTION_LIST (203) request header:
 *   consumerGroup  string  required
 */
export interface GetConsumerConnectionListRequestHeader {
  readonly consumerGroup: string;
}

const NAME = 'GetConsumerConnectionListRequestHeader';

export const GetConsumerConnectionListRequestHeader = {
  encode(header: GetConsumerConnectionListRequestHeader): ExtFields {
    return { consumerGroup: header.consumerGroup };
  },

  decode(ext: ExtFields | undefined): GetConsumerConnectionListRequestHeader {
    return { consumerGroup: requireString(ext, 'consumerGroup', NAME) };
  },
};
