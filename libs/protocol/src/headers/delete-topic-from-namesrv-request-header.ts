import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * DELETE_TOPIC_IN_NAMESRV (216) request header:
 *   topic        string  required
 *   clusterName  string  optional  limit the deletion to one cluster's brokers
 */
const DELETE_TOPIC_FROM_NAMESRV_REQUEST_FIELDS = {
  topic: field.string(),
  clusterName: field.string().optional(),
};

export type DeleteTopicFromNamesrvRequestHeader = HeaderOf<typeof DELETE_TOPIC_FROM_NAMESRV_REQUEST_FIELDS>;

export const DeleteTopicFromNamesrvRequestHeader = headerCodec(
  'DeleteTopicFromNamesrvRequestHeader',
  DELETE_TOPIC_FROM_NAMESRV_REQUEST_FIELDS,
);
