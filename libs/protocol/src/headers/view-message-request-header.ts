import type { ExtFields } from '../command/remoting-command';
import { optionalString, requireLong } from './header-fields';

/**
 * VIEW_MESSAGE_BY_ID (33) request header (docs/remoting-protocol.md#requests-the-broker-serves):
 *   offset  long    required  commit-log (physical) offset decoded from the offsetMsgId
 *   topic   string  optional  sent by 5.x clients, informational
 */
export interface ViewMessageRequestHeader {
  readonly offset: number;
  readonly topic?: string;
}

const NAME = 'ViewMessageRequestHeader';

export const ViewMessageRequestHeader = {
  encode(header: ViewMessageRequestHeader): ExtFields {
    const ext: ExtFields = { offset: String(header.offset) };
    if (header.topic !== undefined) ext['topic'] = header.topic;
    return ext;
  },

  decode(ext: ExtFields | undefined): ViewMessageRequestHeader {
    return { offset: requireLong(ext, 'offset', NAME), topic: optionalString(ext, 'topic') };
  },
};
