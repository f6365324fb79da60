import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * CONSUMER_SEND_MSG_BACK (36) request header (docs/remoting-protocol.md#requests-the-broker-serves):
 *   offset             long     required  commit-log offset of the failed message
 *   group              string   required  consumer group
 *   delayLevel         int      required  0 = broker decides (3 + reconsumeTimes); < 0 = straight to DLQ
 *   originMsgId        string   optional
 *   originTopic        string   optional
 *   unitMode           boolean  optional  default false
 *   maxReconsumeTimes  int      optional  honoured from clients at version ≥ 121 (V3_4_9)
 *   bname              string   optional
 */
const CONSUMER_SEND_MSG_BACK_REQUEST_FIELDS = {
  offset: field.long(),
  group: field.string(),
  delayLevel: field.int(),
  originMsgId: field.string().optional(),
  originTopic: field.string().optional(),
  unitMode: field.boolean().default(false),
  maxReconsumeTimes: field.int().optional(),
  bname: field.string().optional(),
};

export type ConsumerSendMsgBackRequestHeader = HeaderOf<typeof CONSUMER_SEND_MSG_BACK_REQUEST_FIELDS>;

export const ConsumerSendMsgBackRequestHeader = headerCodec('ConsumerSendMsgBackRequestHeader', CONSUMER_SEND_MSG_BACK_REQUEST_FIELDS);
