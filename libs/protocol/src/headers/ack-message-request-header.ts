import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * ACK_MESSAGE (200051) request header (docs/grpc-and-pop.md#wire):
 *   consumerGroup  string  required
 *   topic          string  required  the topic the client subscribed to (not the retry topic)
 *   queueId        int     required
 *   extraInfo      string  required  the message's receipt handle (POP_CK, pop-extra-info.ts)
 *   offset         long    required  the message's queue offset
 */
const ACK_MESSAGE_REQUEST_FIELDS = {
  consumerGroup: field.string(),
  topic: field.string(),
  queueId: field.int(),
  extraInfo: field.string(),
  offset: field.long(),
};

export type AckMessageRequestHeader = HeaderOf<typeof ACK_MESSAGE_REQUEST_FIELDS>;

export const AckMessageRequestHeader = headerCodec('AckMessageRequestHeader', ACK_MESSAGE_REQUEST_FIELDS);

/**
 * CHANGE_MESSAGE_INVISIBLETIME (200053) request header: the ack header plus
 *   invisibleTime  long  required  ms from now until the message shows again
 */
const CHANGE_INVISIBLE_TIME_REQUEST_FIELDS = {
  ...ACK_MESSAGE_REQUEST_FIELDS,
  invisibleTime: field.long(),
};

export type ChangeInvisibleTimeRequestHeader = HeaderOf<typeof CHANGE_INVISIBLE_TIME_REQUEST_FIELDS>;

export const ChangeInvisibleTimeRequestHeader = headerCodec('ChangeInvisibleTimeRequestHeader', CHANGE_INVISIBLE_TIME_REQUEST_FIELDS);

/**
 * CHANGE_MESSAGE_INVISIBLETIME response header: the new handle's parts (the client rebuilds the
 * handle with the message's own queue offset as its checkpoint start).
 *   popTime  long  required;  invisibleTime  long  required;  reviveQid  int  required
 */
const CHANGE_INVISIBLE_TIME_RESPONSE_FIELDS = {
  popTime: field.long(),
  invisibleTime: field.long(),
  reviveQid: field.int(),
};

export type ChangeInvisibleTimeResponseHeader = HeaderOf<typeof CHANGE_INVISIBLE_TIME_RESPONSE_FIELDS>;

export const ChangeInvisibleTimeResponseHeader = headerCodec('ChangeInvisibleTimeResponseHeader', CHANGE_INVISIBLE_TIME_RESPONSE_FIELDS);
