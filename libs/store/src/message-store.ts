/**
 * The message store as the broker sees it: the one port processors talk to. It knows nothing of
 * the network; results are status unions that the broker maps to response codes.
 *
 * Layout on disk (docs/store-and-ha.md#layout): commitlog/ segments named by 20-digit start offset,
 * consumequeue/<topic>/<queueId>/ 20-byte entries, index/ hash files, checkpoint, abort, config/*.json.
 */
import type { SocketAddress } from '@rocketmq-ts/model';

/** One message as the send processor hands it over; the store assigns offsets and store time. */
export interface MessageToStore {
  readonly topic: string;
  readonly queueId: number;
  readonly flag: number;
  readonly body: Buffer;
  /** Encoded properties string (name\u0001value\u0002...), already including UNIQ_KEY, CLUSTER etc. */
  readonly properties: string;
  readonly sysFlag: number;
  readonly bornTimestamp: number;
  readonly bornHost: SocketAddress;
  readonly storeHost: SocketAddress;
  readonly reconsumeTimes: number;
  readonly preparedTransactionOffset: number;
  /** Java String.hashCode of TAGS (0 when none); for SCHEDULE_TOPIC_XXXX the delivery time. */
  readonly tagsCode: number;
  /** Space-separated KEYS and the UNIQ_KEY, for the index; read from properties by the caller. */
  readonly keys: string | undefined;
  readonly uniqKey: string | undefined;
  /** The WAIT property: false = acknowledge without waiting for the flush (SYNC_FLUSH). */
  readonly waitStoreMsgOK: boolean;
}

/** A batch shares topic, queue, sysFlag, hosts and bornTimestamp; each inner message its own parts. */
export interface BatchToStore {
  readonly topic: string;
  readonly queueId: number;
  readonly sysFlag: number;
  readonly bornTimestamp: number;
  readonly bornHost: SocketAddress;
  readonly storeHost: SocketAddress;
  readonly waitStoreMsgOK: boolean;
  readonly messages: ReadonlyArray<{
    readonly flag: number;
    readonly body: Buffer;
    readonly properties: string;
    readonly tagsCode: number;
    readonly keys: string | undefined;
    readonly uniqKey: string | undefined;
  }>;
}

export type PutMessageStatus =
  | 'PUT_OK'
  | 'FLUSH_DISK_TIMEOUT'
  | 'FLUSH_SLAVE_TIMEOUT'
  | 'SLAVE_NOT_AVAILABLE'
  | 'SERVICE_NOT_AVAILABLE'
  | 'CREATE_MAPPED_FILE_FAILED'
  | 'MESSAGE_ILLEGAL'
  | 'PROPERTIES_SIZE_EXCEEDED'
  | 'OS_PAGE_CACHE_BUSY'
  | 'UNKNOWN_ERROR';

export interface AppendMessageResult {
  /** Commit-log offset of the first record written. */
  readonly wroteOffset: number;
  readonly wroteBytes: number;
  /** offsetMsgId of each record written, in order. */
  readonly msgIds: readonly string[];
  readonly storeTimestamp: number;
  /** Queue offset of the first message. */
  readonly logicsOffset: number;
  readonly msgNum: number;
}

export interface PutMessageResult {
  readonly status: PutMessageStatus;
  /** Present when the bytes were appended (PUT_OK and the timeout variants). */
  readonly appendResult: AppendMessageResult | undefined;
  /** Why, for non-OK statuses: becomes the response remark. */
  readonly remark: string | undefined;
}

export type GetMessageStatus =
  | 'FOUND'
  | 'NO_MATCHED_MESSAGE'
  | 'MESSAGE_WAS_REMOVING'
  | 'OFFSET_FOUND_NULL'
  | 'OFFSET_OVERFLOW_BADLY'
  | 'OFFSET_OVERFLOW_ONE'
  | 'OFFSET_TOO_SMALL'
  | 'NO_MATCHED_LOGIC_QUEUE'
  | 'NO_MESSAGE_IN_QUEUE';

/** Decides from the consume-queue entry (tags hash) whether a message can match a subscription. */
export type ConsumeQueueFilter = (tagsCode: number) => boolean;

/**
 * Decides from the stored record itself (its properties) whether a message matches: SQL92
 * subscriptions, which a tags hash cannot answer. Called synchronously, once per record read.
 */
export type CommitLogFilter = (record: Buffer) => boolean;

export interface GetMessageResult {
  readonly status: GetMessageStatus;
  /** Raw stored records (commit-log slices), to be concatenated into the pull body as they are. */
  readonly messages: readonly Buffer[];
  readonly nextBeginOffset: number;
  readonly minOffset: number;
  readonly maxOffset: number;
  /** True when the data read is cold (RocketMQ's memory-ratio rule), so a slave should serve. */
  readonly suggestPullingFromSlave: boolean;
}

export interface GetMessageRequest {
  readonly group: string;
  readonly topic: string;
  readonly queueId: number;
  readonly offset: number;
  readonly maxMsgNums: number;
  /** 0 = the store's default cap (256 KiB in memory). */
  readonly maxMsgBytes: number;
  readonly filter: ConsumeQueueFilter | undefined;
  /** Applied to each record read; only matching ones count towards maxMsgNums. Absent: no record is looked into. */
  readonly recordFilter?: CommitLogFilter;
}

/**
 * Called after a message is dispatched to its consume queue: wakes long-polling pulls.
 * `properties` is the record's properties text (SQL92 subscriptions wake only on a match).
 */
export type MessageArrivingListener = (arrival: MessageArrival) => void;

/** One dispatched message. The dispatcher reuses the object for the next one: read it during the call only. */
export interface MessageArrival {
  readonly topic: string;
  readonly queueId: number;
  /** The queue's max offset now: the arrived message's queue offset + 1. */
  readonly logicOffsetAfter: number;
  readonly tagsCode: number;
  readonly storeTimestamp: number;
  readonly properties: string;
}

/** QUERY_MESSAGE: records of `topic` filed under `key`, stored within [beginTimestampMs, endTimestampMs]. */
export interface QueryMessageRequest {
  readonly topic: string;
  readonly key: string;
  readonly maxNum: number;
  readonly beginTimestampMs: number;
  readonly endTimestampMs: number;
}

export interface QueryMessageResult {
  /** Stored records found by key (the caller re-checks the key: only hashes are indexed). */
  readonly messages: readonly Buffer[];
  readonly indexLastUpdateTimestamp: number;
  readonly indexLastUpdatePhyoffset: number;
}

export type BoundaryType = 'lower' | 'upper';

export interface MessageStore {
  putMessage(message: MessageToStore): Promise<PutMessageResult>;
  putMessages(batch: BatchToStore): Promise<PutMessageResult>;
  getMessage(request: GetMessageRequest): Promise<GetMessageResult>;

  getMaxOffsetInQueue(topic: string, queueId: number): number;
  getMinOffsetInQueue(topic: string, queueId: number): number;
  /** Queue offset of the first message stored at or after (lower) / at or before (upper) `timestampMs`. */
  getOffsetInQueueByTime(topic: string, queueId: number, timestampMs: number, boundary: BoundaryType): Promise<number>;
  getEarliestMessageTime(topic: string, queueId: number): Promise<number>;
  /** Store time of the message at `queueOffset`, or -1. */
  getMessageStoreTimestamp(topic: string, queueId: number, queueOffset: number): Promise<number>;
  /** Commit-log offset of the message at `queueOffset`, or -1 (used by retry: CONSUMER_SEND_MSG_BACK). */
  getCommitLogOffsetInQueue(topic: string, queueId: number, queueOffset: number): Promise<number>;

  /** One stored record at a commit-log offset (VIEW_MESSAGE_BY_ID, send-back), or undefined. */
  lookMessageByOffset(commitLogOffset: number): Promise<Buffer | undefined>;
  queryMessage(query: QueryMessageRequest): Promise<QueryMessageResult>;

  /** Drops a topic's consume queues (DELETE_TOPIC_IN_BROKER). */
  deleteTopics(topics: readonly string[]): Promise<void>;

  onMessageArriving(listener: MessageArrivingListener): void;

  getMinPhyOffset(): number;
  getMaxPhyOffset(): number;
  /** Bytes appended to the commit log but not yet in consume queues. */
  dispatchBehindBytes(): number;
  /** Key/value figures for GET_BROKER_RUNTIME_INFO (store part). */
  getRuntimeInfo(): Record<string, string>;

  /** Flushes, writes the checkpoint, removes the abort file (clean shutdown). */
  shutdown(): Promise<void>;
}
