import type { ExtFields } from '../command/remoting-command';
import { optionalString, requireInt, requireLong } from './header-fields';

/**
 * POP_MESSAGE response header (docs/grpc-and-pop.md#wire). The client builds each message's receipt
 * handle (POP_CK, see pop-extra-info.ts) from these:
 *   popTime          long    required  broker clock at the pop, ms
 *   invisibleTime    long    required
 *   reviveQid        int     required  revive queue of the checkpoint; 999 for FIFO pops
 *   restNum          long    required  messages left behind in the queues looked at
 *   startOffsetInfo  string  optional  `<retry> <queueId> <startOffset>` per queue, `;`-joined
 *   msgOffsetInfo    string  optional  `<retry> <queueId> <o1,o2,…>` per queue, `;`-joined
 *   orderCountInfo   string  optional  FIFO: `<retry> <queueId> <deliveries so far>` per queue
 */
export interface PopMessageResponseHeader {
  readonly popTime: number;
  readonly invisibleTime: number;
  readonly reviveQid: number;
  readonly restNum: number;
  readonly startOffsetInfo?: string;
  readonly msgOffsetInfo?: string;
  readonly orderCountInfo?: string;
}

const NAME = 'PopMessageResponseHeader';

export const PopMessageResponseHeader = {
  encode(header: PopMessageResponseHeader): ExtFields {
    const ext: ExtFields = {
      popTime: String(header.popTime),
      invisibleTime: String(header.invisibleTime),
      reviveQid: String(header.reviveQid),
      restNum: String(header.restNum),
    };
    if (header.startOffsetInfo !== undefined) ext['startOffsetInfo'] = header.startOffsetInfo;
    if (header.msgOffsetInfo !== undefined) ext['msgOffsetInfo'] = header.msgOffsetInfo;
    if (header.orderCountInfo !== undefined) ext['orderCountInfo'] = header.orderCountInfo;
    return ext;
  },

  decode(ext: ExtFields | undefined): PopMessageResponseHeader {
    return {
      popTime: requireLong(ext, 'popTime', NAME),
      invisibleTime: requireLong(ext, 'invisibleTime', NAME),
      reviveQid: requireInt(ext, 'reviveQid', NAME),
      restNum: requireLong(ext, 'restNum', NAME),
      startOffsetInfo: optionalString(ext, 'startOffsetInfo'),
      msgOffsetInfo: optionalString(ext, 'msgOffsetInfo'),
      orderCountInfo: optionalString(ext, 'orderCountInfo'),
    };
  },
};
