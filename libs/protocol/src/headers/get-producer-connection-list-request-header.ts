import type { ExtFields } from '../command/remoting-command';
import { requireString } from './header-fields';

/**
 * GET_PRODUCER_CONNECTION_LIST (204) request header:
 *   producerGroup  string  required
 */
export interface GetProducerConnectionListRequestHeader {
  readonly producerGroup: string;
}

const NAME = 'GetProducerConnectionListRequestHeader';

export const GetProducerConnectionListRequestHeader = {
  encode(header: GetProducerConnectionListRequestHeader): ExtFields {
    return { producerGroup: header.producerGroup };
  },

  decode(ext: ExtFields | undefined): GetProducerConnectionListRequestHeader {
    return { producerGroup: requireString(ext, 'producerGroup', NAME) };
  },
};
