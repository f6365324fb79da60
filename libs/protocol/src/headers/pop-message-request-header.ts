import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

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
const POP_MESSAGE_REQUEST_FIELDS = {
  consumerGroup: field.string(),
  topic: field.string(),
  queueId: field.int(),
  maxMsgNums: field.int(),
  invisibleTime: field.long(),
  pollTime: field.long(),
  bornTime: field.long(),
  initMode: field.int(),
  expType: field.string().optional(),
  exp: field.string().optional(),
  order: field.boolean().default(false),
  attemptId: field.string().optional(),
};

export type PopMessageRequestHeader = HeaderOf<typeof POP_MESSAGE_REQUEST_FIELDS>;

/** ConsumeInitMode: where a group with no stored pop offset starts. */
export const ConsumeInitMode = { MIN: 0, MAX: 1 } as const;

export const PopMessageRequestHeader = headerCodec('PopMessageRequestHeader', POP_MESSAGE_REQUEST_FIELDS);
