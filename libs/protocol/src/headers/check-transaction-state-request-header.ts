import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

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
const CHECK_TRANSACTION_STATE_REQUEST_FIELDS = {
  topic: field.string().optional(),
  tranStateTableOffset: field.long(),
  commitLogOffset: field.long(),
  msgId: field.string().optional(),
  transactionId: field.string().optional(),
  offsetMsgId: field.string().optional(),
  bname: field.string().optional(),
};

export type CheckTransactionStateRequestHeader = HeaderOf<typeof CHECK_TRANSACTION_STATE_REQUEST_FIELDS>;

export const CheckTransactionStateRequestHeader = headerCodec('CheckTransactionStateRequestHeader', CHECK_TRANSACTION_STATE_REQUEST_FIELDS);
