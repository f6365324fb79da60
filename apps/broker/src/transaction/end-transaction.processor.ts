import { Inject } from '@nestjs/common';

import {
  decodeMessageRecord,
  MessageConst,
  MessageDecodeError,
  type MessageRecordView,
  parseMessageProperties,
  RMQ_SYS_TRANS_HALF_TOPIC,
  transactionTypeOf,
} from '@rocketmq-ts/model';
import { RemotingProcessor } from '@rocketmq-ts/nest-remoting';
import { createResponse, EndTransactionRequestHeader, type RemotingCommand, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { ConnectionContext, RemotingRequestHandler } from '@rocketmq-ts/remoting';
import type { MessageStore } from '@rocketmq-ts/store';

import { BrokerLane, MESSAGE_PUT, MESSAGE_STORE } from '../broker.tokens';
import { putStatusResponse } from '../put/put-status-response';
import type { MessagePut } from '../put/message-put-service';
import { TransactionService } from './transaction-service';

/**
 * END_TRANSACTION (37), from the producer after its local transaction or in answer to a check
 * (docs/transactions.md). The half message is found by its commit-log offset and must be a half
 * message of the same producer group at the same queue offset; then commit restores it to its
 * real topic and rollback drops it, both recorded by an op record. A transaction already decided
 * is answered SUCCESS and left alone, so a repeated END_TRANSACTION (a retry, or an answer to a
 * check that crossed the first one) never delivers twice. An unknown state (0) gets no answer,
 * as in Java: the check-back will ask again.
 */
@RemotingProcessor({ codes: [RequestCode.END_TRANSACTION], lane: BrokerLane.SEND })
export class EndTransactionProcessor implements RemotingRequestHandler {
  constructor(
    private readonly transactions: TransactionService,
    @Inject(MESSAGE_STORE) private readonly store: Pick<MessageStore, 'lookMessageByOffset'>,
    @Inject(MESSAGE_PUT) private readonly putter: MessagePut,
  ) {}

  async handle(_context: ConnectionContext, request: RemotingCommand): Promise<RemotingCommand | undefined> {
    const header = EndTransactionRequestHeader.decode(request.extFields);
    const decision = transactionTypeOf(header.commitOrRollback);
    if (decision !== 'COMMIT' && decision !== 'ROLLBACK') return undefined;
    const slave = this.putter.precheck(0, 'transaction');
    if (slave?.status === 'SERVICE_NOT_AVAILABLE')
      return createResponse(request, ResponseCode.SLAVE_NOT_AVAILABLE, {
        remark: 'the broker is a slave; end the transaction on its master',
      });
    const half = await this.findHalf(header);
    if (typeof half === 'string') return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: half });
    const outcome = await this.transactions.end(half, decision === 'COMMIT');
    if (outcome.kind !== 'refused') return createResponse(request, ResponseCode.SUCCESS);
    const { code, remark } = putStatusResponse(outcome.put.status, outcome.put.remark);
    return createResponse(request, code, { remark: remark ?? outcome.put.status });
  }

  /** The half message the header names, or why it is not one. */
  private async findHalf(header: EndTransactionRequestHeader): Promise<MessageRecordView | string> {
    const raw = await this.store.lookMessageByOffset(header.commitLogOffset);
    if (raw === undefined) return 'Find prepared transaction message failed';
    let record: MessageRecordView;
    try {
      record = decodeMessageRecord(raw);
    } catch (error) {
      if (error instanceof MessageDecodeError) return 'Find prepared transaction message failed';
      throw error;
    }
    if (record.topic !== RMQ_SYS_TRANS_HALF_TOPIC) return 'the message at this offset is not a prepared transaction message';
    const group = parseMessageProperties(record.properties).get(MessageConst.PROPERTY_PRODUCER_GROUP);
    if (group !== header.producerGroup) return 'The producer group wrong';
    if (record.queueOffset !== header.tranStateTableOffset) return 'The transaction state table offset wrong';
    return record;
  }
}
