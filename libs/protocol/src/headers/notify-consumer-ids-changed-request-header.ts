import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * NOTIFY_CONSUMER_IDS_CHANGED (40) header, broker → client one-way:
 *   consumerGroup  string  required
 */
const NOTIFY_CONSUMER_IDS_CHANGED_REQUEST_FIELDS = {
  consumerGroup: field.string(),
};

export type NotifyConsumerIdsChangedRequestHeader = HeaderOf<typeof NOTIFY_CONSUMER_IDS_CHANGED_REQUEST_FIELDS>;

export const NotifyConsumerIdsChangedRequestHeader = headerCodec(
  'NotifyConsumerIdsChangedRequestHeader',
  NOTIFY_CONSUMER_IDS_CHANGED_REQUEST_FIELDS,
);
