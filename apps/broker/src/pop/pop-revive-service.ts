import type { Clock, Logger } from '@rocketmq-ts/base';
import {
  decodeMessageRecord,
  dlqTopicOf,
  MessageConst,
  type MessageRecordView,
  parseMessageProperties,
  PERM_READ_WRITE,
  type SocketAddress,
  createOffsetMessageId,
} from '@rocketmq-ts/model';
import { popRetryTopicV1 } from '@rocketmq-ts/protocol';
import type { MessageStore } from '@rocketmq-ts/store';

import type { ConsumerOffsetManager } from '../offsets/consumer-offset-manager';
import type { SubscriptionGroups, TopicConfigs } from '../consumer/consumer.ports';
import type { MessagePut } from '../put/message-put-service';
import { DLQ_QUEUE_NUMS } from '../retry/retry-policy';
import { rebuildMessage } from '../schedule/message-to-store';
import {
  type PopAckRecord,
  type PopCheckpoint,
  parseReviveLogRecord,
  REVIVE_GROUP,
  REVIVE_QUEUE_ID,
  reviveLogMessage,
  type ReviveLogRecord,
} from './pop-checkpoint';
import { PopCheckpointTable, type PendingCheckpoint } from './pop-checkpoint-table';

/** Java's retryMaxTimes default: the 17th failed delivery sends the message to the DLQ. */
const DEFAULT_RETRY_MAX_TIMES = 16;
const REPLAY_BATCH = 256;

export interface PopReviveOptions {
  readonly store: Pick<MessageStore, 'getMessage' | 'getMaxOffsetInQueue' | 'getMinOffsetInQueue'>;
  readonly put: MessagePut;
  readonly offsets: ConsumerOffsetManager;
  readonly topics: TopicConfigs;
  readonly groups: SubscriptionGroups;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly reviveTopic: string;
  readonly storeHost: SocketAddress;
}

export type RevivePutOutcome = { readonly ok: true } | { readonly ok: false; readonly status: string; readonly remark: string | undefined };

/**
 * Checkpoints and revive (docs/grpc-and-pop.md#checkpoints-and-revive), RocketMQ's PopReviveService
 * in our terms:
 *   - a pop appends its CK before the consume offset moves, an ack appends an ack record; both are
 *     revive-log messages, so what survives a crash is exactly what the commit log kept;
 *   - every pass, each CK whose invisible time is over has its un-acked messages re-put to the pop
 *     retry topic `%RETRY%<group>_<topic>` (reconsumeTimes + 1) — or to `%DLQ%<group>` once they were
 *     delivered retryMaxTimes + 1 times — and then an ack record for them, so a replay skips them;
 *   - the read position of the log (REVIVE_GROUP's offset) never passes a pending CK's record: at
 *     start the log is replayed from there and the table is whole again.
 * A crash between a re-put and its ack record delivers that message twice, never zero times.
 */
export class PopReviveService {
  readonly table = new PopCheckpointTable();
  /** CK appends under way: their records are in the log but not yet in the table. */
  private appending = 0;
  private nextLogOffset = 0;

  constructor(private readonly options: PopReviveOptions) {}

  /**
   * Rebuilds the table from the revive log (after the store has dispatched what recovery found).
   * Starts from an empty table: a controller-mode broker promoted again replays what the other
   * master wrote meanwhile, not on top of what it knew when it was demoted.
   */
  async load(): Promise<void> {
    const { store, offsets, reviveTopic } = this.options;
    this.table.clear();
    const committed = offsets.queryOffset(REVIVE_GROUP, reviveTopic, REVIVE_QUEUE_ID);
    let offset = Math.max(committed, store.getMinOffsetInQueue(reviveTopic, REVIVE_QUEUE_ID));
    let replayed = 0;
    for (;;) {
      const result = await store.getMessage({
        group: REVIVE_GROUP,
        topic: reviveTopic,
        queueId: REVIVE_QUEUE_ID,
        offset,
        maxMsgNums: REPLAY_BATCH,
        maxMsgBytes: 0,
        filter: undefined,
      });
      if (result.status !== 'FOUND' || result.messages.length === 0) break;
      for (const raw of result.messages) {
        const record = decodeMessageRecord(raw);
        this.apply(parseReviveLogRecord(record), record);
        replayed++;
      }
      offset = result.nextBeginOffset;
    }
    this.nextLogOffset = store.getMaxOffsetInQueue(reviveTopic, REVIVE_QUEUE_ID);
    this.options.logger.info({ from: committed, replayed, pending: this.table.size }, 'pop checkpoints replayed from the revive log');
  }

  /** Appends a CK; only once it is stored may the caller move the consume offset past its messages. */
  async appendCheckpoint(ck: PopCheckpoint): Promise<RevivePutOutcome> {
    this.appending++;
    try {
      const put = await this.append({ kind: 'ck', ck });
      if (!put.ok) return put;
      this.table.add(ck, put.logOffset);
      return { ok: true };
    } finally {
      this.appending--;
    }
  }

  /** Records an ack; a CK no longer pending (revived already, or never known) needs no record. */
  async ack(ack: PopAckRecord): Promise<RevivePutOutcome> {
    const pending = this.table.find(ack);
    if (pending === undefined) return { ok: true };
    const put = await this.append({ kind: 'ack', ack });
    if (!put.ok) return put;
    this.table.ack(ack);
    return { ok: true };
  }

  /** One pass: revives every due CK, then moves the log's read position. Returns messages re-put. */
  async reviveOnce(): Promise<number> {
    let revived = 0;
    for (const entry of this.table.due(this.options.clock.nowMs())) {
      const done = await this.revive(entry);
      if (done < 0) break; // a put was refused (e.g. no slave yet): keep order, retry next pass
      revived += done;
    }
    this.commitReadPosition();
    return revived;
  }

  private async revive(entry: PendingCheckpoint): Promise<number> {
    const { ck } = entry;
    const open = ck.offsets.filter((offset) => !entry.acked.has(offset));
    let count = 0;
    for (const offset of open) {
      const record = await this.readAt(ck.storedTopic, ck.queueId, offset);
      if (record === undefined) {
        this.options.logger.warn(
          { group: ck.group, topic: ck.storedTopic, queueId: ck.queueId, offset },
          'popped message no longer in the store; not revived',
        );
        continue;
      }
      const put = await this.reputForRetry(ck.group, ck.storedTopic, record);
      if (!put.ok) {
        this.options.logger.warn(
          { group: ck.group, topic: ck.storedTopic, offset, status: put.status },
          'revive put refused; retried next pass',
        );
        return -1;
      }
      count++;
    }
    const closing = await this.append({
      kind: 'ack',
      ack: {
        group: ck.group,
        storedTopic: ck.storedTopic,
        queueId: ck.queueId,
        startOffset: ck.startOffset,
        popTime: ck.popTime,
        offsets: open,
      },
    });
    if (!closing.ok) return -1;
    this.table.remove(entry.key);
    return count;
  }

  private async reputForRetry(group: string, storedTopic: string, record: MessageRecordView): Promise<RevivePutOutcome> {
    const properties = parseMessageProperties(record.properties);
    const originTopic = properties.get(MessageConst.PROPERTY_RETRY_TOPIC) ?? storedTopic;
    const retryMaxTimes = this.options.groups.findSubscriptionGroup(group)?.retryMaxTimes ?? DEFAULT_RETRY_MAX_TIMES;
    const reconsumeTimes = record.reconsumeTimes + 1;
    const dead = reconsumeTimes > retryMaxTimes;
    const topic = dead ? dlqTopicOf(group) : storedTopic.startsWith('%RETRY%') ? storedTopic : popRetryTopicV1(storedTopic, group);
    this.options.topics.createTopicInSendMessageBackMethod(topic, {
      queueNums: dead ? DLQ_QUEUE_NUMS : 1,
      perm: PERM_READ_WRITE,
      topicSysFlag: 0,
    });
    if (!properties.has(MessageConst.PROPERTY_RETRY_TOPIC)) properties.set(MessageConst.PROPERTY_RETRY_TOPIC, originTopic);
    if (!properties.has(MessageConst.PROPERTY_ORIGIN_MESSAGE_ID))
      properties.set(MessageConst.PROPERTY_ORIGIN_MESSAGE_ID, createOffsetMessageId(record.storeHost, record.physicalOffset));
    if (!properties.has(MessageConst.PROPERTY_FIRST_POP_TIME))
      properties.set(MessageConst.PROPERTY_FIRST_POP_TIME, String(this.options.clock.nowMs()));
    const copy = rebuildMessage(record, { topic, queueId: 0, properties, reconsumeTimes });
    const put = await this.options.put.put(copy, 'pop');
    return put.status === 'PUT_OK' ? { ok: true } : { ok: false, status: put.status, remark: put.remark };
  }

  private async readAt(topic: string, queueId: number, offset: number): Promise<MessageRecordView | undefined> {
    const result = await this.options.store.getMessage({
      group: REVIVE_GROUP,
      topic,
      queueId,
      offset,
      maxMsgNums: 1,
      maxMsgBytes: 0,
      filter: undefined,
    });
    const raw = result.status === 'FOUND' ? result.messages[0] : undefined;
    if (raw === undefined) return undefined;
    const record = decodeMessageRecord(raw);
    return record.queueOffset === offset ? record : undefined;
  }

  private async append(
    record: ReviveLogRecord,
  ): Promise<{ ok: true; logOffset: number } | { ok: false; status: string; remark: string | undefined }> {
    const { put, reviveTopic, clock, storeHost } = this.options;
    const result = await put.put(reviveLogMessage(reviveTopic, record, clock.nowMs(), storeHost), 'pop');
    if (result.status !== 'PUT_OK' || result.appendResult === undefined) return { ok: false, status: result.status, remark: result.remark };
    this.nextLogOffset = Math.max(this.nextLogOffset, result.appendResult.logicsOffset + 1);
    return { ok: true, logOffset: result.appendResult.logicsOffset };
  }

  private apply(record: ReviveLogRecord | undefined, raw: MessageRecordView): void {
    if (record === undefined) {
      this.options.logger.warn({ queueOffset: raw.queueOffset }, 'unreadable revive-log record skipped');
      return;
    }
    if (record.kind === 'ck') this.table.add(record.ck, raw.queueOffset);
    else this.table.ack(record.ack);
  }

  /** Up to the oldest pending CK; with none pending and no CK append in flight, the log's end. */
  private commitReadPosition(): void {
    const lowest = this.table.lowestLogOffset();
    const position = lowest ?? (this.appending === 0 ? this.nextLogOffset : undefined);
    if (position !== undefined) this.options.offsets.commitOffset(REVIVE_GROUP, this.options.reviveTopic, REVIVE_QUEUE_ID, position);
  }
}
