import type { ExtFields } from '../command/remoting-command';
import { optionalBoolean, optionalString, requireInt, requireLong, requireString } from './header-fields';

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
export interface EndTransactionRequestHeader {
  readonly producerGroup: string;
  readonly tranStateTableOffset: number;
  readonly commitLogOffset: number;
  readonly commitOrRollback: number;
  readonly fromTransactionCheck: boolean;
  readonly msgId: string;
  readonly transactionId?: string;
  readonly topic?: string;
  readonly bname?: string;
}

const NAME = 'EndTransactionRequestHeader';

export const EndTransactionRequestHeader = {
  encode(header: EndTransactionRequestHeader): ExtFields {
    const ext: ExtFields = {
      producerGroup: header.producerGroup,
      tranStateTableOffset: String(header.tranStateTableOffset),
      commitLogOffset: String(header.commitLogOffset),
      commitOrRollback: String(header.commitOrRollback),
      fromTransactionCheck: String(header.fromTransactionCheck),
      msgId: header.msgId,
    };
    if (header.transactionId !== undefined) ext['transactionId'] = header.transactionId;
    if (header.topic !== undefined) ext['topic'] = header.topic;
    if (header.bname !== undefined) ext['bname'] = header.bname;
    return ext;
  },

  decode(ext: ExtFields | undefined): EndTransactionRequestHeader {
    return {
      producerGroup: requireString(ext, 'producerGroup', NAME),
      tranStateTableOffset: requireLong(ext, 'tranStateTableOffset', NAME),
      commitLogOffset: requireLong(ext, 'commitLogOffset', NAME),
      commitOrRollback: requireInt(ext, 'commitOrRollback', NAME),
      fromTransactionCheck: optionalBoolean(ext, 'fromTransactionCheck') ?? false,
      msgId: requireString(ext, 'msgId', NAME),
      transactionId: optionalString(ext, 'transactionId'),
      topic: optionalString(ext, 'topic'),
      bname: optionalString(ext, 'bname'),
    };
  },
};
