import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * DELETE_TOPIC_IN_BROKER (215) request header:
 *   topic  string  required
 */
const DELETE_TOPIC_REQUEST_FIELDS = {
  topic: field.string(),
};

export type DeleteTopicRequestHeader = HeaderOf<typeof DELETE_TOPIC_REQUEST_FIELDS>;

export const DeleteTopicRequestHeader = headerCodec('DeleteTopicRequestHeader', DELETE_TOPIC_REQUEST_FIELDS);
