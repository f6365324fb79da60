import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * REGISTER_TOPIC_IN_NAMESRV (217) request header; the body is a TopicRouteData whose queueDatas
 * are registered for the topic:
 *   topic  string  required
 */
const REGISTER_TOPIC_REQUEST_FIELDS = {
  topic: field.string(),
};

export type RegisterTopicRequestHeader = HeaderOf<typeof REGISTER_TOPIC_REQUEST_FIELDS>;

export const RegisterTopicRequestHeader = headerCodec('RegisterTopicRequestHeader', REGISTER_TOPIC_REQUEST_FIELDS);
