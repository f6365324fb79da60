import type { ExtFields } from '../command/remoting-command';
import { requireString } from './header-fields';

/**
 * NOTIFY_CONSUMER_IDS_CHANGED (40) header, broker → client one-way:
 *   consumerGroup  string  required
 */
export interface NotifyConsumerIdsChangedRequestHeader {
  readonly consumerGroup: string;
}

const NAME = 'NotifyConsumerIdsChangedRequestHeader';

export const NotifyConsumerIdsChangedRequestHeader = {
  encode(header: NotifyConsumerIdsChangedRequestHeader): ExtFields {
    return { consumerGroup: header.consumerGroup };
  },

  decode(ext: ExtFields | undefined): NotifyConsumerIdsChangedRequestHeader {
    return { consumerGroup: requireString(ext, 'consumerGroup', NAME) };
  },
};
