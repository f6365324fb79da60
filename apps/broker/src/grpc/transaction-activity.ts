import { decodeOffsetMessageId } from '@rocketmq-ts/model';
import { EndTransactionRequestHeader, RequestCode, ResponseCode } from '@rocketmq-ts/protocol';
import type { RemotingRequestHandler } from '@rocketmq-ts/remoting';

import { v2CodeOf } from './grpc-converters';
import type { LocalCall } from './local-remoting';
import { type V2Status, v2Status } from './v2-types';

/** Half messages the endpoint sent and not yet ended are remembered this long (the broker checks them back meanwhile). */
const TRANSACTION_DATA_TTL_MS = 3_600_000;
/** sysFlag values END_TRANSACTION carries (MessageSysFlag). */
const COMMIT_TYPE = 0x2 << 2;
const ROLLBACK_TYPE = 0x3 << 2;

interface TransactionData {
  readonly topic: string;
  readonly commitLogOffset: number;
  readonly queueOffset: number;
  readonly expiresAt: number;
}

/**
 * EndTransaction (docs/grpc-and-pop.md#grpc-endpoint). A gRPC client names its transaction by id
 * only; END_TRANSACTION needs the half message's commit-log and queue offsets. So, as the proxy
 * keeps TransactionData, the endpoint remembers them from the prepared send's reply (its offset
 * message id holds the commit-log offset) and looks them up here.
 */
export class TransactionActivity {
  private readonly table = new Map<string, TransactionData>();

  constructor(
    private readonly endTransaction: RemotingRequestHandler,
    private readonly now: () => number = Date.now,
  ) {}

  /** After a prepared (half) message was stored: `offsetMsgId` is the broker's msgId of the reply. */
  remember(transactionId: string, topic: string, offsetMsgId: string, queueOffset: number): void {
    this.rememberOffsets(transactionId, topic, decodeOffsetMessageId(offsetMsgId).physicalOffset, queueOffset);
  }

  /** The offsets known directly: from a check-back of the half message (it may predate a restart). */
  rememberOffsets(transactionId: string, topic: string, commitLogOffset: number, queueOffset: number): void {
    const now = this.now();
    for (const [id, data] of this.table) if (data.expiresAt <= now) this.table.delete(id);
    this.table.set(transactionId, { topic, commitLogOffset, queueOffset, expiresAt: now + TRANSACTION_DATA_TTL_MS });
  }

  async end(
    call: LocalCall,
    request: { transactionId: string; messageId: string; topic: string; resolution: string; fromCheck: boolean },
  ): Promise<V2Status> {
    if (request.transactionId === '') return v2Status('INVALID_TRANSACTION_ID', 'transaction id is blank');
    const data = this.table.get(request.transactionId);
    if (data === undefined) return v2Status('INTERNAL_SERVER_ERROR', `cannot found transaction data for ${request.transactionId}`);
    const commitOrRollback = request.resolution === 'COMMIT' ? COMMIT_TYPE : request.resolution === 'ROLLBACK' ? ROLLBACK_TYPE : 0;
    if (commitOrRollback === 0) return v2Status('BAD_REQUEST', `resolution must be COMMIT or ROLLBACK, got ${request.resolution}`);
    const header = EndTransactionRequestHeader.encode({
      producerGroup: data.topic,
      tranStateTableOffset: data.queueOffset,
      commitLogOffset: data.commitLogOffset,
      commitOrRollback,
      fromTransactionCheck: request.fromCheck,
      msgId: request.messageId,
      transactionId: request.transactionId,
      topic: data.topic,
    });
    const response = await call.request(this.endTransaction, RequestCode.END_TRANSACTION, header);
    if (response !== undefined && response.code !== ResponseCode.SUCCESS)
      return v2Status(v2CodeOf(response.code), response.remark ?? `end transaction failed with code ${response.code}`);
    this.table.delete(request.transactionId);
    return v2Status('OK');
  }
}
