import { type Clock, type Logger, silentLogger } from '@rocketmq-ts/base';
import {
  createOffsetMessageId,
  decodeMessageRecord,
  encodeMessageProperties,
  encodeMessageRecord,
  javaStringHashCode,
  MessageConst,
  type MessageRecordView,
  parseMessageProperties,
  RMQ_SYS_TRANS_CHECK_MAX_TIME_TOPIC,
  RMQ_SYS_TRANS_HALF_TOPIC,
  RMQ_SYS_TRANS_OP_HALF_TOPIC,
  type SocketAddress,
  transactionTypeOf,
  withTransactionType,
} from '@rocketmq-ts/model';
import { CheckTransactionStateRequestHeader, createRequest, RequestCode } from '@rocketmq-ts/protocol';
import type { MessageStore, MessageToStore, PutMessageResult } from '@rocketmq-ts/store';

import type { ClientChannel } from '../clients/client-channel';
import type { MessagePut } from '../put/message-put-service';
import { rebuildMessage } from '../schedule/message-to-store';
import { HALF_QUEUE_ID } from './transaction-half-send-hook';
import { TransactionState } from './transaction-state';

/** The group under which the half and op queue positions are kept (Java's name), so slaves receive them with the consumer offsets. */
export const TRANSACTION_OFFSET_GROUP = 'CID_RMQ_SYS_TRANS';
const OP_QUEUE_ID = 0;
const OP_DECIDED = 'd';
const OP_CHECKED = 'c';
const READ_BATCH = 32;

export type TransactionStore = Pick<
  MessageStore,
  'getMessage' | 'lookMessageByOffset' | 'getMinOffsetInQueue' | 'getMaxOffsetInQueue' | 'queryMessage'
>;

export interface TransactionOffsets {
  queryOffset(group: string, topic: string, queueId: number): number;
  commitOffset(group: string, topic: string, queueId: number, offset: number): void;
}

export interface TransactionServiceOptions {
  readonly store: TransactionStore;
  readonly put: MessagePut;
  readonly offsets: TransactionOffsets;
  /** Live connections of a producer group (ProducerManager). */
  readonly producers: { channelsOf(group: string): readonly ClientChannel[] };
  readonly clock: Clock;
  readonly brokerName: string;
  /** The broker's address, stamped as born and store host of its op records. */
  readonly storeHost: SocketAddress;
  readonly transactionTimeOutMs: number;
  readonly transactionCheckMax: number;
  /**
   * The send path's routing rules for a committed message (timer and delay level): Apache runs them
   * again at commit, so a delayed or timed transactional message is delayed from its commit.
   * Returns the message as it must be stored, or why it cannot be.
   */
  readonly routeCommitted?: (message: MessageToStore) => MessageToStore | { readonly refused: string };
  readonly logger?: Logger;
}

export type EndOutcome =
  | { readonly kind: 'decided'; readonly put: PutMessageResult | undefined }
  | { readonly kind: 'already-decided' }
  | { readonly kind: 'refused'; readonly put: PutMessageResult };

/**
 * Transactions on the broker (docs/transactions.md): the decisions (END_TRANSACTION from the
 * producer or answering a check), the check-back of undecided half messages, and the op records in
 * RMQ_SYS_TRANS_OP_HALF_TOPIC that make both survive a restart or a slave taking over.
 *
 * Order of writes: a commit puts the real message first and its op record second, so a crash
 * between them leaves a committed message with an undecided half; `load` finds such commits by the
 * message's unique key and writes the missing op record, so the check-back never commits twice.
 * All decisions run on the one event loop; `inFlight` keeps a check and an END_TRANSACTION for the
 * same half message from deciding it twice.
 */
export class TransactionService {
  private state = new TransactionState(0, 0);
  private readonly inFlight = new Set<number>();
  private readonly logger: Logger;
  /** Decisions wait for `load`: before it, the state would call every past transaction undecided. */
  private loaded: Promise<void> | undefined;

  constructor(private readonly options: TransactionServiceOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  get halfOffset(): number {
    return this.state.halfOffset;
  }

  /** Undecided half messages (what mqadmin reports). */
  pendingCount(): number {
    let pending = 0;
    const max = this.options.store.getMaxOffsetInQueue(RMQ_SYS_TRANS_HALF_TOPIC, HALF_QUEUE_ID);
    for (let offset = this.state.halfOffset; offset < max; offset++) if (!this.state.isDecided(offset)) pending++;
    return pending;
  }

  /** Replays the op records after the saved positions, then repairs a commit whose op record a crash lost. */
  load(): Promise<void> {
    this.loaded ??= this.replay();
    return this.loaded;
  }

  /**
   * The next `load` replays again: a controller-mode broker that stops being master forgets its
   * state, since the next master writes op records this one only sees by replication.
   */
  forget(): void {
    this.loaded = undefined;
  }

  private async replay(): Promise<void> {
    const { offsets } = this.options;
    const half = Math.max(0, offsets.queryOffset(TRANSACTION_OFFSET_GROUP, RMQ_SYS_TRANS_HALF_TOPIC, HALF_QUEUE_ID));
    const op = Math.max(0, offsets.queryOffset(TRANSACTION_OFFSET_GROUP, RMQ_SYS_TRANS_OP_HALF_TOPIC, OP_QUEUE_ID));
    this.state = new TransactionState(half, op);
    for await (const record of this.readQueue(RMQ_SYS_TRANS_OP_HALF_TOPIC, OP_QUEUE_ID, op)) {
      const opRecord = parseOpRecord(record);
      if (opRecord !== undefined) this.state.apply(record.queueOffset, opRecord.halfOffset, opRecord.kind);
    }
    this.state.skipTo(this.options.store.getMinOffsetInQueue(RMQ_SYS_TRANS_HALF_TOPIC, HALF_QUEUE_ID));
    for await (const halfRecord of this.readQueue(RMQ_SYS_TRANS_HALF_TOPIC, HALF_QUEUE_ID, this.state.halfOffset)) {
      if (!this.state.isDecided(halfRecord.queueOffset) && (await this.wasCommitted(halfRecord))) {
        this.logger.warn(
          { halfOffset: halfRecord.queueOffset },
          'transaction committed before a crash without its op record; recording it',
        );
        await this.writeOp(halfRecord.queueOffset, OP_DECIDED);
      }
    }
    this.savePositions();
  }

  /**
   * END_TRANSACTION's commit or rollback of the half message at `halfRecord`. Commit restores the
   * message to its real topic and queue (sysFlag COMMIT, preparedTransactionOffset = the half's
   * commit-log offset) through the put pipeline; rollback stores nothing. Either way an op record
   * follows. A half message already decided is left alone.
   */
  async end(halfRecord: MessageRecordView, commit: boolean): Promise<EndOutcome> {
    await this.load();
    const halfOffset = halfRecord.queueOffset;
    if (this.state.isDecided(halfOffset) || this.inFlight.has(halfOffset)) return { kind: 'already-decided' };
    this.inFlight.add(halfOffset);
    try {
      let put: PutMessageResult | undefined;
      if (commit) {
        const committed = committedMessage(halfRecord);
        const routed = this.options.routeCommitted?.(committed) ?? committed;
        if ('refused' in routed)
          return { kind: 'refused', put: { status: 'MESSAGE_ILLEGAL', appendResult: undefined, remark: routed.refused } };
        put = await this.options.put.put(routed, 'transaction');
        if (put.appendResult === undefined) return { kind: 'refused', put };
      }
      const op = await this.writeOp(halfOffset, OP_DECIDED);
      if (op.appendResult === undefined && put === undefined) return { kind: 'refused', put: op };
      return { kind: 'decided', put };
    } finally {
      this.inFlight.delete(halfOffset);
    }
  }

  /**
   * One pass of the check-back: every undecided half message older than its immunity time is
   * checked with a producer of its group (one-way CHECK_TRANSACTION_STATE), at most
   * transactionCheckMax times, then discarded to TRANS_CHECK_MAX_TIME_TOPIC.
   */
  async checkOnce(): Promise<{ readonly checked: number; readonly discarded: number }> {
    await this.load();
    let checked = 0;
    let discarded = 0;
    this.state.skipTo(this.options.store.getMinOffsetInQueue(RMQ_SYS_TRANS_HALF_TOPIC, HALF_QUEUE_ID));
    const now = this.options.clock.nowMs();
    for await (const record of this.readQueue(RMQ_SYS_TRANS_HALF_TOPIC, HALF_QUEUE_ID, this.state.halfOffset)) {
      const halfOffset = record.queueOffset;
      if (this.state.isDecided(halfOffset) || this.inFlight.has(halfOffset)) continue;
      // Store times only grow along the queue: once one is too young, the rest are too.
      if (now - record.storeTimestamp < this.immunityMs(record)) break;
      if (this.state.checksOf(halfOffset) >= this.options.transactionCheckMax) {
        if (await this.discard(record)) discarded++;
        continue;
      }
      if (this.sendCheck(record)) {
        await this.writeOp(halfOffset, OP_CHECKED);
        checked++;
      }
    }
    this.savePositions();
    return { checked, discarded };
  }

  private immunityMs(record: MessageRecordView): number {
    const immunity = parseMessageProperties(record.properties).get(MessageConst.PROPERTY_CHECK_IMMUNITY_TIME_IN_SECONDS);
    const seconds = immunity === undefined ? Number.NaN : Number(immunity);
    return Number.isFinite(seconds) && seconds * 1000 > this.options.transactionTimeOutMs
      ? seconds * 1000
      : this.options.transactionTimeOutMs;
  }

  private async discard(record: MessageRecordView): Promise<boolean> {
    this.inFlight.add(record.queueOffset);
    try {
      const properties = parseMessageProperties(record.properties);
      const put = await this.options.put.put(
        rebuildMessage(record, { topic: RMQ_SYS_TRANS_CHECK_MAX_TIME_TOPIC, queueId: 0, properties }),
        'transaction',
      );
      if (put.appendResult === undefined) return false;
      this.logger.warn(
        { halfOffset: record.queueOffset, transactionId: properties.get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX) },
        'half message undecided after every check; discarded',
      );
      await this.writeOp(record.queueOffset, OP_DECIDED);
      return true;
    } finally {
      this.inFlight.delete(record.queueOffset);
    }
  }

  /** One-way CHECK_TRANSACTION_STATE to one live producer of the message's group; false when none is connected. */
  private sendCheck(record: MessageRecordView): boolean {
    const properties = parseMessageProperties(record.properties);
    const group = properties.get(MessageConst.PROPERTY_PRODUCER_GROUP);
    const channel = group === undefined ? undefined : pickChannel(this.options.producers.channelsOf(group));
    if (channel === undefined) return false;
    const realTopic = properties.get(MessageConst.PROPERTY_REAL_TOPIC) ?? record.topic;
    const uniqKey = properties.get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    const header = CheckTransactionStateRequestHeader.encode({
      topic: realTopic,
      tranStateTableOffset: record.queueOffset,
      commitLogOffset: record.physicalOffset,
      msgId: uniqKey,
      transactionId: properties.get(MessageConst.PROPERTY_TRANSACTION_ID) ?? uniqKey,
      offsetMsgId: createOffsetMessageId(record.storeHost, record.physicalOffset),
      bname: this.options.brokerName,
    });
    const body = encodeMessageRecord({
      ...record,
      version: undefined,
      topic: realTopic,
      queueId: Number(properties.get(MessageConst.PROPERTY_REAL_QUEUE_ID) ?? 0),
    });
    try {
      channel.connection.invokeOneway(createRequest(RequestCode.CHECK_TRANSACTION_STATE, { extFields: header, body }));
      return true;
    } catch (error) {
      this.logger.warn({ err: error, group }, 'transaction check could not be sent');
      return false;
    }
  }

  private async writeOp(halfOffset: number, kind: typeof OP_DECIDED | typeof OP_CHECKED): Promise<PutMessageResult> {
    const put = await this.options.put.put(opMessage(halfOffset, kind, this.options.clock.nowMs(), this.options.storeHost), 'transaction');
    if (put.appendResult !== undefined) this.state.apply(put.appendResult.logicsOffset, halfOffset, kind);
    else this.logger.warn({ halfOffset, kind, status: put.status }, 'transaction op record not stored');
    return put;
  }

  /** The committed copy of `half` exists: same unique key, COMMIT type, pointing back at it. */
  private async wasCommitted(half: MessageRecordView): Promise<boolean> {
    const properties = parseMessageProperties(half.properties);
    const realTopic = properties.get(MessageConst.PROPERTY_REAL_TOPIC);
    const uniqKey = properties.get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    if (realTopic === undefined || uniqKey === undefined) return false;
    const found = await this.options.store.queryMessage({
      topic: realTopic,
      key: uniqKey,
      maxNum: 32,
      beginTimestampMs: half.storeTimestamp,
      endTimestampMs: Number.MAX_SAFE_INTEGER,
    });
    return found.messages.some((raw) => {
      const record = decodeMessageRecord(raw);
      return transactionTypeOf(record.sysFlag) === 'COMMIT' && record.preparedTransactionOffset === half.physicalOffset;
    });
  }

  private savePositions(): void {
    const { offsets } = this.options;
    offsets.commitOffset(TRANSACTION_OFFSET_GROUP, RMQ_SYS_TRANS_HALF_TOPIC, HALF_QUEUE_ID, this.state.halfOffset);
    offsets.commitOffset(TRANSACTION_OFFSET_GROUP, RMQ_SYS_TRANS_OP_HALF_TOPIC, OP_QUEUE_ID, this.state.opOffset);
  }

  private async *readQueue(topic: string, queueId: number, from: number): AsyncGenerator<MessageRecordView> {
    let offset = from;
    for (;;) {
      const result = await this.options.store.getMessage({
        group: TRANSACTION_OFFSET_GROUP,
        topic,
        queueId,
        offset,
        maxMsgNums: READ_BATCH,
        maxMsgBytes: 0,
        filter: undefined,
      });
      if (result.status !== 'FOUND' || result.messages.length === 0) return;
      for (const raw of result.messages) yield decodeMessageRecord(raw);
      offset = result.nextBeginOffset;
    }
  }
}

/** The half message as its real topic's message: COMMIT type, pointing back at the half message. */
function committedMessage(half: MessageRecordView): MessageToStore {
  const properties = parseMessageProperties(half.properties);
  const topic = properties.get(MessageConst.PROPERTY_REAL_TOPIC) ?? half.topic;
  const queueId = Number(properties.get(MessageConst.PROPERTY_REAL_QUEUE_ID) ?? 0);
  for (const key of [
    MessageConst.PROPERTY_REAL_TOPIC,
    MessageConst.PROPERTY_REAL_QUEUE_ID,
    MessageConst.PROPERTY_TRANSACTION_PREPARED,
    MessageConst.PROPERTY_TRANSACTION_CHECK_TIMES,
  ]) {
    properties.delete(key);
  }
  const message = rebuildMessage(half, { topic, queueId, properties });
  return { ...message, sysFlag: withTransactionType(half.sysFlag, 'COMMIT'), preparedTransactionOffset: half.physicalOffset };
}

/** An op record: tag 'd' (decided) or 'c' (checked), body = the half message's queue offset, as Java's op messages. */
function opMessage(halfOffset: number, kind: string, nowMs: number, host: SocketAddress): MessageToStore {
  return {
    topic: RMQ_SYS_TRANS_OP_HALF_TOPIC,
    queueId: OP_QUEUE_ID,
    flag: 0,
    body: Buffer.from(String(halfOffset)),
    properties: encodeMessageProperties(new Map([[MessageConst.PROPERTY_TAGS, kind]])),
    sysFlag: 0,
    bornTimestamp: nowMs,
    bornHost: host,
    storeHost: host,
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
    tagsCode: javaStringHashCode(kind),
    keys: undefined,
    uniqKey: undefined,
    waitStoreMsgOK: true,
  };
}

function parseOpRecord(record: MessageRecordView): { readonly halfOffset: number; readonly kind: 'd' | 'c' } | undefined {
  const kind = parseMessageProperties(record.properties).get(MessageConst.PROPERTY_TAGS);
  const halfOffset = Number(record.body.toString());
  if ((kind !== OP_DECIDED && kind !== OP_CHECKED) || !Number.isSafeInteger(halfOffset)) return undefined;
  return { halfOffset, kind };
}

function pickChannel(channels: readonly ClientChannel[]): ClientChannel | undefined {
  const live = channels.filter((channel) => !channel.connection.closed);
  return live[Math.floor(Math.random() * live.length)];
}
