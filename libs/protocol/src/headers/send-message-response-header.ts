import type { ExtFields } from '../command/remoting-command';
import { optionalBoolean, optionalString, requireInt, requireLong, requireString } from './header-fields';

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
export interface SendMessageResponseHeader {
  readonly msgId: string;
  readonly queueId: number;
  readonly queueOffset: number;
  readonly transactionId?: string;
  readonly batchUniqId?: string;
  readonly recallHandle?: string;
  /** MSG_REGION on the wire. */
  readonly regionId?: string;
  /** TRACE_ON on the wire. */
  readonly traceOn?: boolean;
}

const NAME = 'SendMessageResponseHeader';

export const MSG_REGION_KEY = 'MSG_REGION';
export const TRACE_ON_KEY = 'TRACE_ON';
export const DEFAULT_REGION_ID = 'DefaultRegion';

export const SendMessageResponseHeader = {
  encode(header: SendMessageResponseHeader): ExtFields {
    const ext: ExtFields = {
      msgId: header.msgId,
      queueId: String(header.queueId),
      queueOffset: String(header.queueOffset),
    };
    if (header.transactionId !== undefined) ext['transactionId'] = header.transactionId;
    if (header.batchUniqId !== undefined) ext['batchUniqId'] = header.batchUniqId;
    if (header.recallHandle !== undefined) ext['recallHandle'] = header.recallHandle;
    if (header.regionId !== undefined) ext[MSG_REGION_KEY] = header.regionId;
    if (header.traceOn !== undefined) ext[TRACE_ON_KEY] = String(header.traceOn);
    return ext;
  },

  decode(ext: ExtFields | undefined): SendMessageResponseHeader {
    return {
      msgId: requireString(ext, 'msgId', NAME),
      queueId: requireInt(ext, 'queueId', NAME),
      queueOffset: requireLong(ext, 'queueOffset', NAME),
      transactionId: optionalString(ext, 'transactionId'),
      batchUniqId: optionalString(ext, 'batchUniqId'),
      recallHandle: optionalString(ext, 'recallHandle'),
      regionId: optionalString(ext, MSG_REGION_KEY),
      traceOn: optionalBoolean(ext, TRACE_ON_KEY),
    };
  },
};
