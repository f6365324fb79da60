import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

export const MSG_REGION_KEY = 'MSG_REGION';
export const TRACE_ON_KEY = 'TRACE_ON';
export const DEFAULT_REGION_ID = 'DefaultRegion';

/**
 * SEND_MESSAGE / _V2 / SEND_BATCH_MESSAGE response header (docs/remoting-protocol.md#requests-the-broker-serves):
 *   msgId          string   required  offsetMsgId of the stored message; comma-joined for batches
 *   queueId        int      required  queue actually used
 *   queueOffset    long     required  logical offset (the first one for batches)
 *   transactionId  string   optional  = UNIQ_KEY
 *   batchUniqId    string   optional  inner-batch topics only
 *   recallHandle   string   optional  5.3 recall
 *   MSG_REGION     string   extra     broker region; Java reads it unconditionally, so our broker
 *                                     must always send it (DefaultRegion)
 *   TRACE_ON       boolean  extra     "true"/"false"
 */
const SEND_MESSAGE_RESPONSE_FIELDS = {
  msgId: field.string(),
  queueId: field.int(),
  queueOffset: field.long(),
  transactionId: field.string().optional(),
  batchUniqId: field.string().optional(),
  recallHandle: field.string().optional(),
  regionId: field.string().optional().key(MSG_REGION_KEY),
  traceOn: field.boolean().optional().key(TRACE_ON_KEY),
};

export type SendMessageResponseHeader = HeaderOf<typeof SEND_MESSAGE_RESPONSE_FIELDS>;

export const SendMessageResponseHeader = headerCodec('SendMessageResponseHeader', SEND_MESSAGE_RESPONSE_FIELDS);
