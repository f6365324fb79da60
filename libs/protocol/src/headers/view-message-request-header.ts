import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * VIEW_MESSAGE_BY_ID (33) request header (docs/remoting-protocol.md#requests-the-broker-serves):
 *   offset  long    required  commit-log (physical) offset decoded from the offsetMsgId
 *   topic   string  optional  sent by 5.x clients, informational
 */
const VIEW_MESSAGE_REQUEST_FIELDS = {
  offset: field.long(),
  topic: field.string().optional(),
};

export type ViewMessageRequestHeader = HeaderOf<typeof VIEW_MESSAGE_REQUEST_FIELDS>;

export const ViewMessageRequestHeader = headerCodec('ViewMessageRequestHeader', VIEW_MESSAGE_REQUEST_FIELDS);
