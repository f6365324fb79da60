import type { ExtFields } from '../command/remoting-command';
import { optionalBoolean, optionalString, requireInt, requireString } from './header-fields';

/**
 * QUERY_CONSUMER_OFFSET (14) request header (docs/remoting-protocol.md#requests-the-broker-serves):
 *   consumerGroup      string   required
 *   topic              string   required
 *   queueId            int      required
 *   setZeroIfNotFound  boolean  optional  false: always QUERY_NOT_FOUND when nothing is stored
 *   bname              string   optional  5.x static topics
 */
export interface QueryConsumerOffsetRequestHeader {
  readonly consumerGroup: string;
  readonly topic: string;
  readonly queueId: number;
  readonly setZeroIfNotFound?: boolean;
  readonly bname?: string;
}

const NAME = 'QueryConsumerOffsetRequestHeader';

export const QueryConsumerOffsetRequestHeader = {
  encode(header: QueryConsumerOffsetRequestHeader): ExtFields {
    const ext: ExtFields = { consumerGroup: header.consumerGroup, topic: header.topic, queueId: String(header.queueId) };
    if (header.setZeroIfNotFound !== undefined) ext['setZeroIfNotFound'] = String(header.setZeroIfNotFound);
    if (header.bname !== undefined) ext['bname'] = header.bname;
    return ext;
  },

  decode(ext: ExtFields | undefined): QueryConsumerOffsetRequestHeader {
    return {
      consumerGroup: requireString(ext, 'consumerGroup', NAME),
      topic: requireString(ext, 'topic', NAME),
      queueId: requireInt(ext, 'queueId', NAME),
      setZeroIfNotFound: optionalBoolean(ext, 'setZeroIfNotFound'),
      bname: optionalString(ext, 'bname'),
    };
  },
};
