import type { ExtFields } from '../command/remoting-command';
import { requireString } from './header-fields';

/**
 * GET_CONSUMER_LIST_BY_GROUP (38) request header:
 *   consumerGroup  string  required
 */
export interface GetConsumerListByGroupRequestHeader {
  readonly consumerGroup: string;
}

const NAME = 'GetConsumerListByGroupRequestHeader';

export const GetConsumerListByGroupRequestHeader = {
  encode(header: GetConsumerListByGroupRequestHeader): ExtFields {
    return { consumerGroup: header.consumerGroup };
  },

  decode(ext: ExtFields | undefined): GetConsumerListByGroupRequestHeader {
    return { consumerGroup: requireString(ext, 'consumerGroup', NAME) };
  },
};
