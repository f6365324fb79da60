import type { ExtFields } from '../command/remoting-command';
import { optionalString, requireLong } from './header-fields';

/**
 * CHECK_TRANSACTION_STATE (39) request header, broker → producer, one-way (docs/remoting-protocol.md#requests-the-broker-serves); the
 * body is the half message as a stored record with its real topic and queue put back:
 *   topic                 string  optional  the real topic
 *   tranStateTableOffset  long    required  the half message's queue offset
 *   commitLogOffset       long    required  the half message's commit-log offset
 *   msgId                 string  optional  the message's client id
 *   transactionId         string  optional  = UNIQ_KEY
 *   offsetMsgId           string  optional  the half message's offset id
 *   bname                 string  optional  the broker's name
 */
export interface CheckTransactionStateRequestHeader {
  readonly topic?: string;
  readonly tranStateTableOffset: number;
  readonly commitLogOffset: number;
  readonly msgId?: string;
  readonly transactionId?: string;
  readonly offsetMsgId?: string;
  readonly bname?: string;
}

const NAME = 'CheckTransactionStateRequestHeader';

export const CheckTransactionStateRequestHeader = {
  encode(header: CheckTransactionStateRequestHeader): ExtFields {
    const ext: ExtFields = { tranStateTableOffset: String(header.tranStateTableOffset), commitLogOffset: String(header.commitLogOffset) };
    for (const key of ['topic', 'msgId', 'transactionId', 'offsetMsgId', 'bname'] as const) {
      const value = header[key];
      if (value !== undefined) ext[key] = value;
    }
    return ext;
  },

  decode(ext: ExtFields | undefined): CheckTransactionStateRequestHeader {
    return {
      topic: optionalString(ext, 'topic'),
      tranStateTableOffset: requireLong(ext, 'tranStateTableOffset', NAME),
      commitLogOffset: requireLong(ext, 'commitLogOffset', NAME),
      msgId: optionalString(ext, 'msgId'),
      transactionId: optionalString(ext, 'transactionId'),
      offsetMsgId: optionalString(ext, 'offsetMsgId'),
      bname: optionalString(ext, 'bname'),
    };
  },
};
