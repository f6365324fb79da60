import type { Logger } from '@rocketmq-ts/base';
import { decodeOffsetMessageId, MessageConst, MessageSysFlag } from '@rocketmq-ts/model';
import {
  CheckTransactionStateRequestHeader,
  createRequest,
  EndTransactionRequestHeader,
  type RemotingCommand,
  RequestCode,
} from '@rocketmq-ts/protocol';
import { type ConnectionContext, RemotingClient } from '@rocketmq-ts/remoting';

import { decodeStoredMessages } from '../consumer/message-decoder';
import type { MessageExt } from '../consumer/message-ext';
import { MQClientError } from '../errors';
import type { Message } from './message';
import { Producer } from './producer';
import type { ProducerOptions } from './producer-options';
import type { SendOptions } from './send-options';
import type { SendResult } from './send-result';

/** What a local transaction (or a check of one) concluded; UNKNOWN leaves it to the broker's next check. */
export type LocalTransactionState = 'COMMIT' | 'ROLLBACK' | 'UNKNOWN';

export interface TransactionListener {
  /** Runs the local transaction once the half message is stored; throwing counts as UNKNOWN. */
  executeLocalTransaction(message: Message, sent: SendResult): LocalTransactionState | Promise<LocalTransactionState>;
  /** The broker asks about a transaction it has no decision for (after transactionTimeOut). */
  checkLocalTransaction(message: MessageExt): LocalTransactionState | Promise<LocalTransactionState>;
}

export interface TransactionProducerOptions extends ProducerOptions {
  readonly transactionListener: TransactionListener;
}

export interface TransactionSendResult extends SendResult {
  readonly localTransactionState: LocalTransactionState;
}

const DECISION_SYS_FLAG: Readonly<Record<LocalTransactionState, number>> = {
  COMMIT: MessageSysFlag.TRANSACTION_COMMIT_TYPE,
  ROLLBACK: MessageSysFlag.TRANSACTION_ROLLBACK_TYPE,
  UNKNOWN: MessageSysFlag.TRANSACTION_NOT_TYPE,
};

/**
 * RocketMQ's TransactionMQProducer (docs/transactions.md): `sendMessageInTransaction` stores a half
 * message (sysFlag PREPARED, TRAN_MSG and PGROUP set), runs the local transaction, then sends
 * END_TRANSACTION one-way to the broker that holds it. A broker's CHECK_TRANSACTION_STATE is
 * answered on the connection it came on, with the check listener's answer.
 */
export class TransactionProducer extends Producer {
  private readonly listener: TransactionListener;
  private checkLogger: Logger | undefined;

  constructor(options: TransactionProducerOptions) {
    super(options);
    this.listener = options.transactionListener;
  }

  async sendMessageInTransaction(message: Message, options?: Pick<SendOptions, 'timeoutMs' | 'signal'>): Promise<TransactionSendResult> {
    if (message.delayLevel !== undefined)
      throw new MQClientError('a transactional message cannot have a delay level', { retriable: false });
    const properties = {
      ...message.properties,
      [MessageConst.PROPERTY_TRANSACTION_PREPARED]: 'true',
      [MessageConst.PROPERTY_PRODUCER_GROUP]: this.group,
    };
    const sent = await this.sendWithSysFlag({ ...message, properties }, options, MessageSysFlag.TRANSACTION_PREPARED_TYPE);
    let state: LocalTransactionState;
    try {
      state = sent.sendStatus === 'SEND_OK' ? await this.listener.executeLocalTransaction(message, sent) : 'ROLLBACK';
    } catch (error) {
      this.checkLogger?.warn({ err: error, msgId: sent.msgId }, 'local transaction threw; left to the broker check');
      state = 'UNKNOWN';
    }
    this.endTransaction(sent, state);
    return { ...sent, localTransactionState: state };
  }

  protected override createRemotingClient(logger: Logger): RemotingClient {
    this.checkLogger = logger;
    return new RemotingClient({
      logger,
      ...this.security,
      requestHandler: { handle: (context, request) => this.onBrokerRequest(context, request) },
    });
  }

  /** END_TRANSACTION one-way to the master holding the half message; a lost one is settled by the check. */
  private endTransaction(sent: SendResult, state: LocalTransactionState): void {
    const addr = this.masterAddrOf(sent.messageQueue.brokerName);
    if (addr === undefined) return;
    const request = createRequest(RequestCode.END_TRANSACTION, {
      extFields: EndTransactionRequestHeader.encode({
        producerGroup: this.group,
        tranStateTableOffset: sent.queueOffset,
        commitLogOffset: decodeOffsetMessageId(sent.offsetMsgId).physicalOffset,
        commitOrRollback: DECISION_SYS_FLAG[state],
        fromTransactionCheck: false,
        msgId: sent.msgId,
        transactionId: sent.msgId,
        topic: sent.messageQueue.topic,
        bname: sent.messageQueue.brokerName,
      }),
    });
    void this.remotingClient
      .invokeOneway(addr, request)
      .catch((error: unknown) => this.checkLogger?.warn({ err: error, addr }, 'END_TRANSACTION not sent; the broker will check'));
  }

  private onBrokerRequest(context: ConnectionContext, request: RemotingCommand): undefined {
    if (request.code === RequestCode.CHECK_TRANSACTION_STATE) void this.answerCheck(context, request);
    return undefined;
  }

  private async answerCheck(context: ConnectionContext, request: RemotingCommand): Promise<void> {
    const header = CheckTransactionStateRequestHeader.decode(request.extFields);
    const [message] = decodeStoredMessages(request.body ?? Buffer.alloc(0), header.bname ?? '');
    if (message === undefined) return;
    let state: LocalTransactionState;
    try {
      state = await this.listener.checkLocalTransaction(message);
    } catch (error) {
      this.checkLogger?.warn({ err: error, msgId: message.msgId }, 'transaction check listener threw; answering UNKNOWN');
      state = 'UNKNOWN';
    }
    const answer = createRequest(RequestCode.END_TRANSACTION, {
      extFields: EndTransactionRequestHeader.encode({
        producerGroup: this.group,
        tranStateTableOffset: header.tranStateTableOffset,
        commitLogOffset: header.commitLogOffset,
        commitOrRollback: DECISION_SYS_FLAG[state],
        fromTransactionCheck: true,
        msgId: header.msgId ?? message.msgId,
        transactionId: header.transactionId,
        topic: header.topic,
        bname: header.bname,
      }),
    });
    if (!context.closed) context.invokeOneway(answer);
  }
}
