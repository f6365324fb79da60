import { type Clock, systemClock } from '@rocketmq-ts/base';
import { createOffsetMessageId, encodeMessageRecord } from '@rocketmq-ts/model';
import type {
  BatchToStore,
  GetMessageRequest,
  GetMessageResult,
  MessageArrivingListener,
  MessageStore,
  MessageToStore,
  PutMessageResult,
  QueryMessageResult,
} from '@rocketmq-ts/store';

interface QueueEntry {
  readonly commitLogOffset: number;
  readonly tagsCode: number;
  readonly storeTimestamp: number;
  readonly keys: readonly string[];
}

interface StoredRecord {
  readonly bytes: Buffer;
  readonly topic: string;
}

type RecordFields = Omit<MessageToStore, 'tagsCode' | 'keys' | 'uniqKey' | 'waitStoreMsgOK'>;

/**
 * A MessageStore held in memory, producing byte-exact records (the model's encoder) with real
 * commit-log and queue offsets. It stands in until libs/store's DefaultMessageStore lands, and
 * keeps wire specs free of disk I/O; nothing survives a restart.
 *
 * Single writer by construction: put methods do their work synchronously before resolving.
 */
export class InMemoryMessageStore implements MessageStore {
  private readonly records = new Map<number, StoredRecord>();
  private readonly queues = new Map<string, QueueEntry[]>();
  private readonly listeners: MessageArrivingListener[] = [];
  private commitLogBytes = 0;

  constructor(private readonly clock: Clock = systemClock) {}

  putMessage(message: MessageToStore): Promise<PutMessageResult> {
    const keys = [...(message.keys?.split(' ') ?? []), ...(message.uniqKey ? [message.uniqKey] : [])];
    return Promise.resolve(this.append([{ ...message, keys, tagsCode: message.tagsCode }], message.storeHost));
  }

  putMessages(batch: BatchToStore): Promise<PutMessageResult> {
    const messages = batch.messages.map((inner) => ({
      topic: batch.topic,
      queueId: batch.queueId,
      flag: inner.flag,
      body: inner.body,
      properties: inner.properties,
      sysFlag: batch.sysFlag,
      bornTimestamp: batch.bornTimestamp,
      bornHost: batch.bornHost,
      storeHost: batch.storeHost,
      reconsumeTimes: 0,
      preparedTransactionOffset: 0,
      tagsCode: inner.tagsCode,
      keys: [...(inner.keys?.split(' ') ?? []), ...(inner.uniqKey ? [inner.uniqKey] : [])],
    }));
    return Promise.resolve(this.append(messages, batch.storeHost));
  }

  private append(messages: ReadonlyArray<RecordFields & { readonly tagsCode: number; readonly keys: string[] }>, storeHost: MessageToStore['storeHost']): PutMessageResult {
    const first = messages[0];
    if (first === undefined) return { status: 'MESSAGE_ILLEGAL', appendResult: undefined, remark: 'empty batch' };
    const queue = this.queue(first.topic, first.queueId);
    const storeTimestamp = this.clock.nowMs();
    const wroteOffset = this.commitLogBytes;
    const logicsOffset = queue.length;
    const msgIds: string[] = [];
    for (const message of messages) {
      const physicalOffset = this.commitLogBytes;
      const bytes = encodeMessageRecord({ ...message, queueOffset: queue.length, physicalOffset, storeTimestamp });
      this.records.set(physicalOffset, { bytes, topic: message.topic });
      queue.push({ commitLogOffset: physicalOffset, tagsCode: message.tagsCode, storeTimestamp, keys: message.keys });
      this.commitLogBytes += bytes.length;
      msgIds.push(createOffsetMessageId(storeHost, physicalOffset));
    }
    for (const listener of this.listeners) listener(first.topic, first.queueId, queue.length, first.tagsCode, storeTimestamp);
    const appendResult = { wroteOffset, wroteBytes: this.commitLogBytes - wroteOffset, msgIds, storeTimestamp, logicsOffset, msgNum: messages.length };
    return { status: 'PUT_OK', appendResult, remark: undefined };
  }

  getMessage(request: GetMessageRequest): Promise<GetMessageResult> {
    const queue = this.queues.get(queueKey(request.topic, request.queueId));
    const maxOffset = queue?.length ?? 0;
    const base = { messages: [] as Buffer[], minOffset: 0, maxOffset, suggestPullingFromSlave: false };
    if (queue === undefined) return Promise.resolve({ ...base, status: 'NO_MATCHED_LOGIC_QUEUE', nextBeginOffset: 0 });
    if (maxOffset === 0) return Promise.resolve({ ...base, status: 'NO_MESSAGE_IN_QUEUE', nextBeginOffset: 0 });
    if (request.offset < 0) return Promise.resolve({ ...base, status: 'OFFSET_TOO_SMALL', nextBeginOffset: 0 });
    if (request.offset === maxOffset) return Promise.resolve({ ...base, status: 'OFFSET_OVERFLOW_ONE', nextBeginOffset: request.offset });
    if (request.offset > maxOffset) return Promise.resolve({ ...base, status: 'OFFSET_OVERFLOW_BADLY', nextBeginOffset: maxOffset });
    const messages: Buffer[] = [];
    let offset = request.offset;
    let bytes = 0;
    const maxBytes = request.maxMsgBytes > 0 ? request.maxMsgBytes : 256 * 1024;
    for (; offset < maxOffset && messages.length < request.maxMsgNums; offset++) {
      const entry = queue[offset] as QueueEntry;
      if (request.filter && !request.filter(entry.tagsCode)) continue;
      const record = (this.records.get(entry.commitLogOffset) as StoredRecord).bytes;
      if (messages.length > 0 && bytes + record.length > maxBytes) break;
      messages.push(record);
      bytes += record.length;
    }
    return Promise.resolve({ ...base, messages, status: messages.length > 0 ? 'FOUND' : 'NO_MATCHED_MESSAGE', nextBeginOffset: offset });
  }

  getMaxOffsetInQueue(topic: string, queueId: number): number {
    return this.queues.get(queueKey(topic, queueId))?.length ?? 0;
  }

  getMinOffsetInQueue(): number {
    return 0;
  }

  getOffsetInQueueByTime(topic: string, queueId: number, timestampMs: number, boundary: 'lower' | 'upper'): Promise<number> {
    const queue = this.queues.get(queueKey(topic, queueId)) ?? [];
    const index = boundary === 'lower' ? queue.findIndex((entry) => entry.storeTimestamp >= timestampMs) : queue.findLastIndex((entry) => entry.storeTimestamp <= timestampMs);
    return Promise.resolve(index < 0 ? (boundary === 'lower' ? queue.length : 0) : index);
  }

  getEarliestMessageTime(topic: string, queueId: number): Promise<number> {
    return Promise.resolve(this.queues.get(queueKey(topic, queueId))?.[0]?.storeTimestamp ?? -1);
  }

  getMessageStoreTimestamp(topic: string, queueId: number, queueOffset: number): Promise<number> {
    return Promise.resolve(this.queues.get(queueKey(topic, queueId))?.[queueOffset]?.storeTimestamp ?? -1);
  }

  getCommitLogOffsetInQueue(topic: string, queueId: number, queueOffset: number): Promise<number> {
    return Promise.resolve(this.queues.get(queueKey(topic, queueId))?.[queueOffset]?.commitLogOffset ?? -1);
  }

  lookMessageByOffset(commitLogOffset: number): Promise<Buffer | undefined> {
    return Promise.resolve(this.records.get(commitLogOffset)?.bytes);
  }

  queryMessage(topic: string, key: string, maxNum: number): Promise<QueryMessageResult> {
    const messages: Buffer[] = [];
    for (const [name, queue] of this.queues) {
      if (!name.startsWith(`${topic}\u0000`)) continue;
      for (const entry of queue) {
        if (messages.length < maxNum && entry.keys.includes(key)) messages.push((this.records.get(entry.commitLogOffset) as StoredRecord).bytes);
      }
    }
    return Promise.resolve({ messages, indexLastUpdateTimestamp: this.clock.nowMs(), indexLastUpdatePhyoffset: this.commitLogBytes });
  }

  deleteTopics(topics: readonly string[]): Promise<void> {
    for (const name of [...this.queues.keys()]) {
      if (topics.some((topic) => name.startsWith(`${topic}\u0000`))) this.queues.delete(name);
    }
    return Promise.resolve();
  }

  onMessageArriving(listener: MessageArrivingListener): void {
    this.listeners.push(listener);
  }

  getMinPhyOffset(): number {
    return 0;
  }

  getMaxPhyOffset(): number {
    return this.commitLogBytes;
  }

  dispatchBehindBytes(): number {
    return 0;
  }

  getRuntimeInfo(): Record<string, string> {
    return { commitLogMinOffset: '0', commitLogMaxOffset: String(this.commitLogBytes), dispatchBehindBytes: '0' };
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  private queue(topic: string, queueId: number): QueueEntry[] {
    const key = queueKey(topic, queueId);
    let queue = this.queues.get(key);
    if (queue === undefined) {
      queue = [];
      this.queues.set(key, queue);
    }
    return queue;
  }
}

function queueKey(topic: string, queueId: number): string {
  return `${topic}\u0000${queueId}`;
}
