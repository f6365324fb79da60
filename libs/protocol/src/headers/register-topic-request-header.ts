import type { ExtFields } from '../command/remoting-command';
import { requireString } from './header-fields';

/**
 * REGISTER_TOPIC_IN_NAMESRV (217) request header; the body is a TopicRouteData whose queueDatas
 * are registered for the topic:
 *   topic  string  required
 */
export interface RegisterTopicRequestHeader {
  readonly topic: string;
}

const NAME = 'RegisterTopicRequestHeader';

export const RegisterTopicRequestHeader = {
  encode(header: RegisterTopicRequestHeader): ExtFields {
    return { topic: header.topic };
  },

  decode(ext: ExtFields | undefined): RegisterTopicRequestHeader {
    return { topic: requireString(ext, 'topic', NAME) };
  },
};
