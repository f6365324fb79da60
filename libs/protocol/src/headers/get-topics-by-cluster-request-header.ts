import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * GET_TOPICS_BY_CLUSTER (224) request header; the reply body is a TopicList:
 *   cluster  string  required  cluster name
 */
const GET_TOPICS_BY_CLUSTER_REQUEST_FIELDS = {
  cluster: field.string(),
};

export type GetTopicsByClusterRequestHeader = HeaderOf<typeof GET_TOPICS_BY_CLUSTER_REQUEST_FIELDS>;

export const GetTopicsByClusterRequestHeader = headerCodec('GetTopicsByClusterRequestHeader', GET_TOPICS_BY_CLUSTER_REQUEST_FIELDS);
