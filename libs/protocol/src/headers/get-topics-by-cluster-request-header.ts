import type { ExtFields } from '../command/remoting-command';
import { requireString } from './header-fields';

/**
 * GET_TOPICS_BY_CLUSTER (224) request header; the reply body is a TopicList:
 *   cluster  string  required  cluster name
 */
export interface GetTopicsByClusterRequestHeader {
  readonly cluster: string;
}

const NAME = 'GetTopicsByClusterRequestHeader';

export const GetTopicsByClusterRequestHeader = {
  encode(header: GetTopicsByClusterRequestHeader): ExtFields {
    return { cluster: header.cluster };
  },

  decode(ext: ExtFields | undefined): GetTopicsByClusterRequestHeader {
    return { cluster: requireString(ext, 'cluster', NAME) };
  },
};
