import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * UPDATE_CONSUMER_OFFSET (15) request header (docs/remoting-protocol.md#requests-the-broker-serves). GO and ali-ons send it with flag 0
 * although they ignore the reply; ali-ons may send commitOffset -1.
 *   consumerGroup  string  required
 *   topic          string  required
 *   queueId        int     required
 *   commitOffset   long    required
 *   bname          string  optional
 */
const UPDATE_CONSUMER_OFFSET_REQUEST_FIELDS = {
  consumerGroup: field.string(),
  topic: field.string(),
  queueId: field.int(),
  commitOffset: field.long(),
  bname: field.string().optional(),
};

export type UpdateConsumerOffsetRequestHeader = HeaderOf<typeof UPDATE_CONSUMER_OFFSET_REQUEST_FIELDS>;

export const UpdateConsumerOffsetRequestHeader = headerCodec('UpdateConsumerOffsetRequestHeader', UPDATE_CONSUMER_OFFSET_REQUEST_FIELDS);
