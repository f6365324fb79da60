import type { ExtFields } from '../command/remoting-command';
import { optionalString, requireString } from './header-fields';

/**
 * DELETE_TOPIC_IN_NAMESRV (216) request header:
 *   topic        string  required
 *   clusterName  string  optional  limit the deletion to one cluster's brokers
 */
export interface DeleteTopicFromNamesrvRequestHeader {
  readonly topic: string;
  readonly clusterName?: string;
}

const NAME = 'DeleteTopicFromNamesrvRequestHeader';

export const DeleteTopicFromNamesrvRequestHeader = {
  encode(header: DeleteTopicFromNamesrvRequestHeader): ExtFields {
    const ext: ExtFields = { topic: header.topic };
    if (header.clusterName !== undefined) ext['clusterName'] = header.clusterName;
    return ext;
  },

  decode(ext: ExtFields | undefined): DeleteTopicFromNamesrvRequestHeader {
    return { topic: requireString(ext, 'topic', NAME), clusterName: optionalString(ext, 'clusterName') };
  },
};
