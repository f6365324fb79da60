import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

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
const POP_MESSAGE_RESPONSE_FIELDS = {
  popTime: field.long(),
  invisibleTime: field.long(),
  reviveQid: field.int(),
  restNum: field.long(),
  startOffsetInfo: field.string().optional(),
  msgOffsetInfo: field.string().optional(),
  orderCountInfo: field.string().optional(),
};

export type PopMessageResponseHeader = HeaderOf<typeof POP_MESSAGE_RESPONSE_FIELDS>;

export const PopMessageResponseHeader = headerCodec('PopMessageResponseHeader', POP_MESSAGE_RESPONSE_FIELDS);
