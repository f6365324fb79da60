import type { ExtFields } from '../command/remoting-command';
import { requireLong } from './header-fields';

/**
 * GET_EARLIEST_MSG_STORETIME (32) response header (request: TopicQueueRequestHeader):
 *   timestamp  long  required  store time of the queue's first message
 */
export interface GetEarliestMsgStoretimeResponseHeader {
  readonly timestamp: number;
}

const NAME = 'GetEarliestMsgStoretimeResponseHeader';

export const GetEarliestMsgStoretimeResponseHeader = {
  encode(header: GetEarliestMsgStoretimeResponseHeader): ExtFields {
    return { timestamp: String(header.timestamp) };
  },

  decode(ext: ExtFields | undefined): GetEarliestMsgStoretimeResponseHeader {
    return { timestamp: requireLong(ext, 'timestamp', NAME) };
  },
};
