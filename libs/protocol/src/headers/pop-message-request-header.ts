import type { ExtFields } from '../command/remoting-command';
import { optionalBoolean, optionalString, requireInt, requireLong, requireString } from './header-fields';

/**
 * POP_MESSAGE (200050) request header (docs/grpc-and-pop.md#wire):
 *   consumerGroup  string   required
 *   topic          string   required
 *   queueId        int      required  −1 = any readable queue of the topic on this broker
 *   maxMsgNums     int      required  messages wanted (the broker caps it at 32)
 *   invisibleTime  long     required  ms a popped message stays hidden unless acked
 *   pollTime       long     required  ms to long-poll when nothing is there (0 = answer at once)
 *   bornTime       long     required  client clock, ms
 *   initMode       int      required  0 = a new group starts at the queue's min offset, 1 = near its end
 *   expType        string   optional  TAG (default) or SQL92
 *   exp            string   optional  subscription expression, `*` when absent
 *   order          boolean  optional  FIFO pop: one batch per queue in flight, default false
 *   attemptId      string   optional  a retried FIFO pop with the same id gets the same batch
 */
export interface PopMessageRequestHeader {
  readonly consumerGroup: string;
  readonly topic: string;
  readonly queueId: number;
  readonly maxMsgNums: number;
  readonly invisibleTime: number;
  readonly pollTime: number;
  readonly bornTime: number;
  readonly initMode: number;
  readonly expType?: string;
  readonly exp?: string;
  readonly order: boolean;
  readonly attemptId?: string;
}

const NAME = 'PopMessageRequestHeader';

/** ConsumeInitMode: where a group with no stored pop offset starts. */
export const ConsumeInitMode = { MIN: 0, MAX: 1 } as const;

export const PopMessageRequestHeader = {
  encode(header: PopMessageRequestHeader): ExtFields {
    const ext: ExtFields = {
      consumerGroup: header.consumerGroup,
      topic: header.topic,
      queueId: String(header.queueId),
      maxMsgNums: String(header.maxMsgNums),
      invisibleTime: String(header.invisibleTime),
      pollTime: String(header.pollTime),
      bornTime: String(header.bornTime),
      initMode: String(header.initMode),
      order: String(header.order),
    };
    if (header.expType !== undefined) ext['expType'] = header.expType;
    if (header.exp !== undefined) ext['exp'] = header.exp;
    if (header.attemptId !== undefined) ext['attemptId'] = header.attemptId;
    return ext;
  },

  decode(ext: ExtFields | undefined): PopMessageRequestHeader {
    return {
      consumerGroup: requireString(ext, 'consumerGroup', NAME),
      topic: requireString(ext, 'topic', NAME),
      queueId: requireInt(ext, 'queueId', NAME),
      maxMsgNums: requireInt(ext, 'maxMsgNums', NAME),
      invisibleTime: requireLong(ext, 'invisibleTime', NAME),
      pollTime: requireLong(ext, 'pollTime', NAME),
      bornTime: requireLong(ext, 'bornTime', NAME),
      initMode: requireInt(ext, 'initMode', NAME),
      expType: optionalString(ext, 'expType'),
      exp: optionalString(ext, 'exp'),
      order: optionalBoolean(ext, 'order') ?? false,
      attemptId: optionalString(ext, 'attemptId'),
    };
  },
};
