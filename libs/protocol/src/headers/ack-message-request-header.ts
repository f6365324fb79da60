import type { ExtFields } from '../command/remoting-command';
import { requireInt, requireLong, requireString } from './header-fields';

/**
 * ACK_MESSAGE (200051) request header (docs/grpc-and-pop.md#wire):
 *   consumerGroup  string  required
 *   topic          string  required  the topic the client subscribed to (not the retry topic)
 *   queueId        int     required
 *   extraInfo      string  required  the message's receipt handle (POP_CK, pop-extra-info.ts)
 *   offset         long    required  the message's queue offset
 */
export interface AckMessageRequestHeader {
  readonly consumerGroup: string;
  readonly topic: string;
  readonly queueId: number;
  readonly extraInfo: string;
  readonly offset: number;
}

const NAME = 'AckMessageRequestHeader';

export const AckMessageRequestHeader = {
  encode(header: AckMessageRequestHeader): ExtFields {
    return { consumerGroup: header.consumerGroup, topic: header.topic, queueId: String(header.queueId), extraInfo: header.extraInfo, offset: String(header.offset) };
  },

  decode(ext: ExtFields | undefined): AckMessageRequestHeader {
    return {
      consumerGroup: requireString(ext, 'consumerGroup', NAME),
      topic: requireString(ext, 'topic', NAME),
      queueId: requireInt(ext, 'queueId', NAME),
      extraInfo: requireString(ext, 'extraInfo', NAME),
      offset: requireLong(ext, 'offset', NAME),
    };
  },
};

/**
 * CHANGE_MESSAGE_INVISIBLETIME (200053) request header: the ack header plus
 *   invisibleTime  long  required  ms from now until the message shows again
 */
export interface ChangeInvisibleTimeRequestHeader extends AckMessageRequestHeader {
  readonly invisibleTime: number;
}

const CHANGE_NAME = 'ChangeInvisibleTimeRequestHeader';

export const ChangeInvisibleTimeRequestHeader = {
  encode(header: ChangeInvisibleTimeRequestHeader): ExtFields {
    return { ...AckMessageRequestHeader.encode(header), invisibleTime: String(header.invisibleTime) };
  },

  decode(ext: ExtFields | undefined): ChangeInvisibleTimeRequestHeader {
    return {
      consumerGroup: requireString(ext, 'consumerGroup', CHANGE_NAME),
      topic: requireString(ext, 'topic', CHANGE_NAME),
      queueId: requireInt(ext, 'queueId', CHANGE_NAME),
      extraInfo: requireString(ext, 'extraInfo', CHANGE_NAME),
      offset: requireLong(ext, 'offset', CHANGE_NAME),
      invisibleTime: requireLong(ext, 'invisibleTime', CHANGE_NAME),
    };
  },
};

/**
 * CHANGE_MESSAGE_INVISIBLETIME response header: the new handle's parts (the client rebuilds the
 * handle with the message's own queue offset as its checkpoint start).
 *   popTime  long  required;  invisibleTime  long  required;  reviveQid  int  required
 */
export interface ChangeInvisibleTimeResponseHeader {
  readonly popTime: number;
  readonly invisibleTime: number;
  readonly reviveQid: number;
}

const CHANGE_RESPONSE_NAME = 'ChangeInvisibleTimeResponseHeader';

export const ChangeInvisibleTimeResponseHeader = {
  encode(header: ChangeInvisibleTimeResponseHeader): ExtFields {
    return { popTime: String(header.popTime), invisibleTime: String(header.invisibleTime), reviveQid: String(header.reviveQid) };
  },

  decode(ext: ExtFields | undefined): ChangeInvisibleTimeResponseHeader {
    return {
      popTime: requireLong(ext, 'popTime', CHANGE_RESPONSE_NAME),
      invisibleTime: requireLong(ext, 'invisibleTime', CHANGE_RESPONSE_NAME),
      reviveQid: requireInt(ext, 'reviveQid', CHANGE_RESPONSE_NAME),
    };
  },
};
