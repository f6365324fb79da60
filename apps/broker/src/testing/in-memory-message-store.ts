import { at, type Clock, systemClock } from '@rocketmq-ts/base';
import { createOffsetMessageId, encodeMessageRecord } from '@rocketmq-ts/model';
import type {
  BatchToStore,
  GetMessageRequest,
  GetMessageResult,
  MessageArrivingListener,
  MessageStore,
  MessageToStore,
  PutMessageResult,
  QueryMessageRequest,
  QueryMessageResult,
} from '@rocketmq-ts/store';

interface QueueEntry {
  readonly commitLogOffset: number;
  readonly tagsCode: number;
  readonly storeTimestamp: number;
}

/**
 * A hand-written fake of the MessageStore port for broker unit specs: real record bytes, one
 * consume queue per topic/queue, a key index, arrival callbacks, and Java's getMessage status
 * rules (docs/store-and-ha.md#consume-queues) — without files. `scriptNextGet` forces the next getMessage result, for the
 * statuses a healthy store rarely produces (MESSAGE_WAS_REMOVING, OFFSET_FOUND_NULL).
 */
export class InMemoryMessageStore implements MessageStore {
  private readonly records = new Map<number, Buffer>();
  private readonly queues = new Map<string, QueueEntry[]>();
  private readonly minOffsets = new Map<string, number>();
  private readonly keyIndex = new Map<string, number[]>();
  private readonly listeners: MessageArrivingListener[] = [];
  private readonly scripted: GetMessageResult[] = [];
  private commitLogBytes = 0;

  constructor(private readonly clock: Clock = systemClock) {}

  scriptNextGet(result: GetMessageResult): void {
    this.scripted.push(result);
  }

  /** Pretends the queue's head was deleted (retention), so offsets below `minOffset` are gone. */
  truncateQueueHead(topic: string, queueId: number, minOffset: number): void {
    this.minOffsets.set(`${topic}@${queueId}`, minOffset);
  }

  async putMessage(message: MessageToStore): Promise<PutMessageResult> {
    const key = `${message.topic}@${message.queueId}`;
    const queue = this.queues.get(key) ?? [];
    this.queues.set(key, queue);
    const physicalOffset = this.commitLogBytes;
    const storeTimestamp = this.clock.nowMs();
    const record = encodeMessageRecord({ ...message, queueOffset: queue.length, physicalOffset, storeTimestamp });
    this.records.set(physicalOffset, record);
    this.commitLogBytes += record.length;
    queue.push({ commitLogOffset: physicalOffset, tagsCode: message.tagsCode, storeTimestamp });
    for (const indexKey of [...(message.keys?.split(' ') ?? []), message.uniqKey]) {
      if (indexKey === undefined || indexKey === '') continue;
      const indexed = `${message.topic}#${indexKey}`;
      this.keyIndex.set(indexed, [...(this.keyIndex.get(indexed) ?? []), physicalOffset]);
    }
    const properties = typeof message.properties === 'string' ? message.properties : Buffer.from(message.properties).toString('utf8');
    const arrival = {
      topic: message.topic,
      queueId: message.queueId,
      logicOffsetAfter: queue.length,
      tagsCode: message.tagsCode,
      storeTimestamp,
      properties,
    };
    for (const listener of this.listeners) listener(arrival);
    return {
      status: 'PUT_OK',
      remark: undefined,
      appendResult: {
        wroteOffset: physicalOffset,
        wroteBytes: record.length,
        msgIds: [createOffsetMessageId(message.storeHost, physicalOffset)],
        storeTimestamp,
        logicsOffset: queue.length - 1,
        msgNum: 1,
      },
    };
  }

  putMessages(_batch: BatchToStore): Promise<PutMessageResult> {
    return Promise.reject(new Error('batches are not faked'));
  }

  async getMessage(request: GetMessageRequest): Promise<GetMessageResult> {
    const scripted = this.scripted.shift();
    if (scripted !== undefined) return scripted;
    const key = `${request.topic}@${request.queueId}`;
    const queue = this.queues.get(key);
    const minOffset = this.getMinOffsetInQueue(request.topic, request.queueId);
    const maxOffset = queue?.length ?? 0;
    const empty = (status: GetMessageResult['status'], nextBeginOffset: number): GetMessageResult => ({
      status,
      messages: [],
      nextBeginOffset,
      minOffset,
      maxOffset,
      suggestPullingFromSlave: false,
    });
    if (queue === undefined) return empty('NO_MATCHED_LOGIC_QUEUE', 0);
    if (maxOffset === 0) return empty('NO_MESSAGE_IN_QUEUE', 0);
    if (request.offset < minOffset) return empty('OFFSET_TOO_SMALL', minOffset);
    if (request.offset === maxOffset) return empty('OFFSET_OVERFLOW_ONE', request.offset);
    if (request.offset > maxOffset) return empty('OFFSET_OVERFLOW_BADLY', maxOffset);
    const messages: Buffer[] = [];
    let offset = request.offset;
    for (; offset < maxOffset && messages.length < request.maxMsgNums; offset++) {
      const entry = at(queue, offset, 'queue entries');
      const record = this.records.get(entry.commitLogOffset) as Buffer;
      if (
        (request.filter === undefined || request.filter(entry.tagsCode)) &&
        (request.recordFilter === undefined || request.recordFilter(record))
      )
        messages.push(record);
    }
    return { ...empty(messages.length > 0 ? 'FOUND' : 'NO_MATCHED_MESSAGE', offset), messages };
  }

  getMaxOffsetInQueue(topic: string, queueId: number): number {
    return this.queues.get(`${topic}@${queueId}`)?.length ?? 0;
  }

  getMinOffsetInQueue(topic: string, queueId: number): number {
    return this.minOffsets.get(`${topic}@${queueId}`) ?? 0;
  }

  async getOffsetInQueueByTime(topic: string, queueId: number, timestampMs: number): Promise<number> {
    const queue = this.queues.get(`${topic}@${queueId}`) ?? [];
    const index = queue.findIndex((entry) => entry.storeTimestamp >= timestampMs);
    return index < 0 ? queue.length : index;
  }

  async getEarliestMessageTime(topic: string, queueId: number): Promise<number> {
    return this.queues.get(`${topic}@${queueId}`)?.[0]?.storeTimestamp ?? -1;
  }

  async getMessageStoreTimestamp(topic: string, queueId: number, queueOffset: number): Promise<number> {
    return this.queues.get(`${topic}@${queueId}`)?.[queueOffset]?.storeTimestamp ?? -1;
  }

  async getCommitLogOffsetInQueue(topic: string, queueId: number, queueOffset: number): Promise<number> {
    return this.queues.get(`${topic}@${queueId}`)?.[queueOffset]?.commitLogOffset ?? -1;
  }

  async lookMessageByOffset(commitLogOffset: number): Promise<Buffer | undefined> {
    return this.records.get(commitLogOffset);
  }

  async queryMessage({ topic, key, maxNum }: QueryMessageRequest): Promise<QueryMessageResult> {
    const offsets = (this.keyIndex.get(`${topic}#${key}`) ?? []).slice(0, maxNum);
    return {
      messages: offsets.map((offset) => this.records.get(offset) as Buffer),
      indexLastUpdateTimestamp: this.clock.nowMs(),
      indexLastUpdatePhyoffset: this.commitLogBytes,
    };
  }

  async deleteTopics(topics: readonly string[]): Promise<void> {
    for (const key of [...this.queues.keys()]) if (topics.some((topic) => key.startsWith(`${topic}@`))) this.queues.delete(key);
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
    return {};
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
