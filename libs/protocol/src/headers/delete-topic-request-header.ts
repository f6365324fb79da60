import type { ExtFields } from '../command/remoting-command';
import { requireString } from './header-fields';

/**
 * DELETE_TOPIC_IN_BROKER (215) request header:
 *   topic  string  required
 */
export interface DeleteTopicRequestHeader {
  readonly topic: string;
}

const NAME = 'DeleteTopicRequestHeader';

export const DeleteTopicRequestHeader = {
  encode(header: DeleteTopicRequestHeader): ExtFields {
    return { topic: header.topic };
  },

  decode(ext: ExtFields | undefined): DeleteTopicRequestHeader {
    return { topic: requireString(ext, 'topic', NAME) };
  },
};
