import type { ExtFields } from '../command/remoting-command';
import { optionalString, requireInt, requireLong, requireString } from './header-fields';

/**
 * UPDATE_CONSUMER_OFFSET (15) request header (docs/remoting-protocol.md#requests-the-broker-serves). GO and ali-ons send it with flag 0
 * although they ignore the reply; ali-ons may send commitOffset -1.
 *   consumerGroup  string  required
 *   topic          string  required
 *   queueId        int     required
 *   commitOffset   long    required
 *   bname          string  optional
 */
export interface UpdateConsumerOffsetRequestHeader {
  readonly consumerGroup: string;
  readonly topic: string;
  readonly queueId: number;
  readonly commitOffset: number;
  readonly bname?: string;
}

const NAME = 'UpdateConsumerOffsetRequestHeader';

export const UpdateConsumerOffsetRequestHeader = {
  encode(header: UpdateConsumerOffsetRequestHeader): ExtFields {
    const ext: ExtFields = {
      consumerGroup: header.consumerGroup,
      topic: header.topic,
      queueId: String(header.queueId),
      commitOffset: String(header.commitOffset),
    };
    if (header.bname !== undefined) ext['bname'] = header.bname;
    return ext;
  },

  decode(ext: ExtFields | undefined): UpdateConsumerOffsetRequestHeader {
    return {
      consumerGroup: requireString(ext, 'consumerGroup', NAME),
      topic: requireString(ext, 'topic', NAME),
      queueId: requireInt(ext, 'queueId', NAME),
      commitOffset: requireLong(ext, 'commitOffset', NAME),
      bname: optionalString(ext, 'bname'),
    };
  },
};
