import { type Clock, type Logger, silentLogger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';
import {
  decodeMessageRecord,
  encodeMessageProperties,
  findMessageProperty,
  MessageConst,
  parseMessageProperties,
  RMQ_SYS_SCHEDULE_TOPIC,
  transactionTypeOf,
} from '@rocketmq-ts/model';
import type { MessageStore, MessageToStore } from '@rocketmq-ts/store';

import type { JsonConfigFile } from '../offsets/json-config-file';
import type { MessagePut } from '../put/message-put-service';
import { decodeDelayOffsetTable, encodeDelayOffsetTable } from './delay-offset-table';
import { rebuildMessage } from './message-to-store';

/** The parts of a message that decide whether and where it is delayed. */
export interface DelayCandidate {
  readonly topic: string;
  readonly queueId: number;
  readonly properties: string;
  readonly sysFlag: number;
}

export interface DelayRedirect {
  readonly topic: string;
  readonly queueId: number;
  readonly properties: string;
  readonly tagsCode: number;
}

/** What delivery reads: a level's queue. Writing goes through the put pipeline. */
export type ScheduleStore = Pick<MessageStore, 'getMessage'>;

export interface ScheduleMessageServiceOptions {
  readonly store: ScheduleStore;
  /** The put pipeline: a due message is written like any other, and on a SYNC_MASTER held by a slave before its level moves on. */
  readonly put: MessagePut;
  /** Delay of level N (1-based) at index N-1, from `messageDelayLevel`. */
  readonly delayLevelsMs: readonly number[];
  readonly offsetFile: JsonConfigFile;
  readonly clock: Clock;
  /** How often changed level offsets are written (Java's flushDelayOffsetInterval, 10 s). */
  readonly persistIntervalMs: number;
  /** Re-check of an idle level when no arrival event woke it (a safety net, 1 s). */
  readonly idlePollMs?: number;
  /** Wait before retrying a failed put (Java's DELAY_FOR_A_WHILE, 100 ms). */
  readonly retryDelayMs?: number;
  readonly logger?: Logger;
  /** Where the level timers and the persist period are scheduled; real timers by default. */
  readonly timers?: Timers;
}

/** Messages read per store call while delivering one level. */
const BATCH_MESSAGES = 32;
const GROUP = 'SCHEDULE_MESSAGE_SERVICE';

/**
 * Delay levels (docs/store-and-ha.md#delay-retry-and-dead-letters). A message with DELAY=n is stored to SCHEDULE_TOPIC_XXXX queue n-1
 * with its real topic and queue in REAL_TOPIC/REAL_QID (`wrapForDelay`, called by the send path
 * and by send-back); one timer per level walks that queue and puts each message back under its
 * real topic once `storeTimestamp + delay` has passed. Every message of a level has the same
 * delay, so queue order is delivery order and a level only ever waits on its head.
 *
 * The due time is computed from the record's store time rather than the consume-queue tags code,
 * so delivery does not depend on how the store fills tags codes of this topic.
 */
export class ScheduleMessageService {
  private offsets = new Map<number, number>();
  private readonly levelTimers = new Map<number, TimerHandle>();
  private readonly timers: Timers;
  private readonly running = new Set<number>();
  private readonly rerun = new Set<number>();
  private persistTimer: TimerHandle | undefined;
  private started = false;
  private dirty = false;
  private writeChain: Promise<void> = Promise.resolve();
  private readonly logger: Logger;

  constructor(private readonly options: ScheduleMessageServiceOptions) {
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? systemClock;
  }

  get maxDelayLevel(): number {
    return this.options.delayLevelsMs.length;
  }

  /** Delay of a 1-based level, ms. */
  delayMsOf(level: number): number {
    return this.options.delayLevelsMs[Math.min(level, this.maxDelayLevel) - 1] ?? 0;
  }

  /**
   * Where a message goes instead of its own topic: undefined unless it carries DELAY > 0 and is
   * a normal or committed message; otherwise the level's schedule queue (level capped at the
   * highest), with the real destination kept in REAL_TOPIC/REAL_QID and the delivery time as tags
   * code.
   */
  delayRedirect(message: DelayCandidate): DelayRedirect | undefined {
    const levelText = findMessageProperty(message.properties, MessageConst.PROPERTY_DELAY_TIME_LEVEL);
    const level = levelText === undefined ? 0 : Number.parseInt(levelText, 10);
    if (!(level > 0) || this.maxDelayLevel === 0) return undefined;
    const type = transactionTypeOf(message.sysFlag);
    if (type !== 'NOT' && type !== 'COMMIT') return undefined;
    const capped = Math.min(level, this.maxDelayLevel);
    const properties = parseMessageProperties(message.properties);
    properties.set(MessageConst.PROPERTY_DELAY_TIME_LEVEL, String(capped));
    properties.set(MessageConst.PROPERTY_REAL_TOPIC, message.topic);
    properties.set(MessageConst.PROPERTY_REAL_QUEUE_ID, String(message.queueId));
    return {
      topic: RMQ_SYS_SCHEDULE_TOPIC,
      queueId: capped - 1,
      properties: encodeMessageProperties(properties),
      tagsCode: this.options.clock.nowMs() + this.delayMsOf(capped),
    };
  }

  /** `message` as it must be stored: redirected to its delay level's queue when it has one. */
  wrapForDelay(message: MessageToStore): MessageToStore {
    const redirect = this.delayRedirect(message);
    return redirect === undefined ? message : { ...message, ...redirect };
  }

  async load(): Promise<void> {
    const text = await this.options.offsetFile.read();
    if (text === undefined || text.trim() === '') return;
    try {
      this.offsets = decodeDelayOffsetTable(text);
    } catch (error) {
      this.logger.error({ err: error, path: this.options.offsetFile.path }, 'delay offset file unreadable; delivering from 0');
    }
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (let level = 1; level <= this.maxDelayLevel; level++) this.schedule(level, 0);
    this.persistTimer = this.timers.setInterval(() => void this.persistIfChanged(), this.options.persistIntervalMs);
    this.persistTimer.unref();
  }

  async shutdown(): Promise<void> {
    this.started = false;
    for (const timer of this.levelTimers.values()) this.timers.clearTimeout(timer);
    this.levelTimers.clear();
    this.timers.clearInterval(this.persistTimer);
    await this.persist();
  }

  /** Store arrival hook: a message landed in a schedule queue, so that level looks now. */
  onMessageArriving(topic: string, queueId: number): void {
    if (topic !== RMQ_SYS_SCHEDULE_TOPIC || !this.started) return;
    this.schedule(queueId + 1, 0);
  }

  /** The level → offset table as delayOffset.json holds it (GET_ALL_DELAY_OFFSET). */
  encodeOffsets(): string {
    return encodeDelayOffsetTable(this.offsets);
  }

  /** Slave metadata sync: the master's level offsets replace ours and are written at once. */
  replaceOffsets(offsets: ReadonlyMap<number, number>): Promise<void> {
    this.offsets = new Map(offsets);
    return this.persist();
  }

  /** Next schedule-queue offset to deliver for `level`. */
  offsetOf(level: number): number {
    return this.offsets.get(level) ?? 0;
  }

  persist(): Promise<void> {
    this.dirty = false;
    const text = encodeDelayOffsetTable(this.offsets);
    const write = this.writeChain.then(() => this.options.offsetFile.write(text));
    this.writeChain = write.catch((error: unknown) => {
      this.dirty = true;
      this.logger.error({ err: error }, 'delay offset write failed');
    });
    return write;
  }

  private async persistIfChanged(): Promise<void> {
    if (this.dirty) await this.persist().catch(() => undefined);
  }

  private schedule(level: number, delayMs: number): void {
    if (!this.started || level < 1 || level > this.maxDelayLevel) return;
    const previous = this.levelTimers.get(level);
    this.timers.clearTimeout(previous);
    const timer = this.timers.setTimeout(() => {
      this.levelTimers.delete(level);
      void this.runLevel(level);
    }, delayMs);
    timer.unref();
    this.levelTimers.set(level, timer);
  }

  /**
   * Delivers every due message of a level, then (when started) sleeps until its head is due. The
   * level timers call it; specs call it directly to step delivery with a manual clock.
   */
  async runLevel(level: number): Promise<void> {
    if (this.running.has(level)) {
      this.rerun.add(level);
      return;
    }
    this.running.add(level);
    let nextDelayMs = this.options.idlePollMs ?? 1_000;
    try {
      nextDelayMs = await this.deliverDue(level, nextDelayMs);
    } catch (error) {
      this.logger.error({ err: error, level }, 'delay delivery failed');
      nextDelayMs = this.options.retryDelayMs ?? 100;
    } finally {
      this.running.delete(level);
    }
    if (this.rerun.delete(level)) nextDelayMs = 0;
    this.schedule(level, nextDelayMs);
  }

  /** Returns how long to wait before looking at the level again. */
  private async deliverDue(level: number, idleMs: number): Promise<number> {
    const delayMs = this.delayMsOf(level);
    for (;;) {
      const offset = this.offsetOf(level);
      const result = await this.options.store.getMessage({
        group: GROUP,
        topic: RMQ_SYS_SCHEDULE_TOPIC,
        queueId: level - 1,
        offset,
        maxMsgNums: BATCH_MESSAGES,
        maxMsgBytes: 0,
        filter: undefined,
      });
      if (result.status !== 'FOUND' || result.messages.length === 0) {
        // A moved queue (files deleted, or offsets from another store) restarts at the valid edge.
        if (result.status === 'OFFSET_TOO_SMALL' || result.status === 'OFFSET_OVERFLOW_BADLY')
          this.setOffset(level, result.nextBeginOffset);
        return idleMs;
      }
      for (const raw of result.messages) {
        const record = decodeMessageRecord(raw);
        const waitMs = record.storeTimestamp + delayMs - this.options.clock.nowMs();
        if (waitMs > 0) return Math.min(waitMs, delayMs);
        const properties = parseMessageProperties(record.properties);
        const realTopic = properties.get(MessageConst.PROPERTY_REAL_TOPIC);
        const realQueueId = Number(properties.get(MessageConst.PROPERTY_REAL_QUEUE_ID) ?? 0);
        if (realTopic !== undefined) {
          // DELAY stays on the delivered message, as Apache RocketMQ 5.3.3 stores it (clients may read it).
          const put = await this.options.put.put(
            rebuildMessage(record, { topic: realTopic, queueId: realQueueId, properties }),
            'schedule',
          );
          if (put.appendResult === undefined) {
            this.logger.warn({ level, status: put.status, remark: put.remark }, 'delay delivery put failed; retrying');
            return this.options.retryDelayMs ?? 100;
          }
        } else {
          this.logger.warn({ level, queueOffset: record.queueOffset }, 'schedule message without REAL_TOPIC skipped');
        }
        this.setOffset(level, record.queueOffset + 1);
      }
    }
  }

  private setOffset(level: number, offset: number): void {
    if (this.offsets.get(level) === offset) return;
    this.offsets.set(level, offset);
    this.dirty = true;
  }
}
