import { field, type HeaderOf } from './field';
import { headerCodec } from './header-codec';

/**
 * END_TRANSACTION (37) request header, producer → broker, usually one-way (docs/remoting-protocol.md#requests-the-broker-serves):
 *   producerGroup         string   required  must match the half message's PGROUP
 *   tranStateTableOffset  long     required  the half message's queue offset (the prepared send's queueOffset)
 *   commitLogOffset       long     required  the half message's commit-log offset (from its offsetMsgId)
 *   commitOrRollback      int      required  0 unknown (no decision yet), 8 commit, 12 rollback (sysFlag bits)
 *   fromTransactionCheck  boolean  optional  true when answering CHECK_TRANSACTION_STATE
 *   msgId                 string   required  the message's client id
 *   transactionId         string   optional  = UNIQ_KEY
 *   topic                 string   optional  5.x
 *   bname                 string   optional  5.x
 */
const END_TRANSACTION_REQUEST_FIELDS = {
  producerGroup: field.string(),
  tranStateTableOffset: field.long(),
  commitLogOffset: field.long(),
  commitOrRollback: field.int(),
  fromTransactionCheck: field.boolean().default(false),
  msgId: field.string(),
  transactionId: field.string().optional(),
  topic: field.string().optional(),
  bname: field.string().optional(),
};

export type EndTransactionRequestHeader = HeaderOf<typeof END_TRANSACTION_REQUEST_FIELDS>;

export const EndTransactionRequestHeader = headerCodec('EndTransactionRequestHeader', END_TRANSACTION_REQUEST_FIELDS);
