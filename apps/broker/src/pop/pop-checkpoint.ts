import {
  encodeMessageProperties,
  javaStringHashCode,
  MessageConst,
  type MessageRecordView,
  parseMessageProperties,
  type SocketAddress,
  SYSTEM_TOPIC_PREFIX,
} from '@rocketmq-ts/model';
import type { MessageToStore } from '@rocketmq-ts/store';

/**
 * Pop checkpoints (docs/grpc-and-pop.md#checkpoints-and-revive). A checkpoint (CK) records one pop
 * of one queue: which queue offsets went out, when, and for how long they are hidden. An ack
 * record marks some of them done. Both are appended as messages to the revive log, a system topic
 * of the commit log, so they are flushed, replicated and recovered like any message; the broker
 * keeps the un-acked CKs in memory and rebuilds that table from the log after a restart.
 */
export interface PopCheckpoint {
  readonly group: string;
  /** The topic the messages are stored in: the subscribed topic or its pop retry topic. */
  readonly storedTopic: string;
  readonly queueId: number;
  /** First queue offset of the batch; with popTime it names the CK (the handle carries both). */
  readonly startOffset: number;
  readonly popTime: number;
  readonly invisibleTime: number;
  readonly reviveQid: number;
  /** Queue offsets handed out (a filter may have skipped some in between). */
  readonly offsets: readonly number[];
}

export interface PopAckRecord {
  readonly group: string;
  readonly storedTopic: string;
  readonly queueId: number;
  readonly startOffset: number;
  readonly popTime: number;
  readonly offsets: readonly number[];
}

export type ReviveLogRecord = { readonly kind: 'ck'; readonly ck: PopCheckpoint } | { readonly kind: 'ack'; readonly ack: PopAckRecord };

/** The revive log of a cluster, as RocketMQ names it; one queue (reviveQid 0) on our broker. */
export function reviveLogTopicOf(cluster: string): string {
  return `${SYSTEM_TOPIC_PREFIX}REVIVE_LOG_${cluster}`;
}

export const REVIVE_QUEUE_ID = 0;
/** The revive log's read position is kept as this group's consumer offset (RocketMQ's name). */
export const REVIVE_GROUP = 'CID_RMQ_SYS_REVIVE_GROUP';

/** What names a CK: the fields a CK and its acks share. */
export interface CheckpointId {
  readonly group: string;
  readonly storedTopic: string;
  readonly queueId: number;
  readonly startOffset: number;
  readonly popTime: number;
}

/** The key a CK and its acks share. */
export function checkpointKey(id: CheckpointId): string {
  return `${id.group}\u0001${id.storedTopic}\u0001${id.queueId}\u0001${id.startOffset}\u0001${id.popTime}`;
}

const CK_TAG = 'ck';
const ACK_TAG = 'ack';

/** A revive-log record as a message to append: tag ck/ack, body the record's short JSON. */
export function reviveLogMessage(topic: string, record: ReviveLogRecord, nowMs: number, host: SocketAddress): MessageToStore {
  const tag = record.kind === 'ck' ? CK_TAG : ACK_TAG;
  const r = record.kind === 'ck' ? record.ck : record.ack;
  const fields: Record<string, unknown> = { g: r.group, t: r.storedTopic, q: r.queueId, so: r.startOffset, pt: r.popTime, o: r.offsets };
  if (record.kind === 'ck') Object.assign(fields, { it: record.ck.invisibleTime, rq: record.ck.reviveQid });
  return {
    topic,
    queueId: REVIVE_QUEUE_ID,
    flag: 0,
    body: Buffer.from(JSON.stringify(fields)),
    properties: encodeMessageProperties(new Map([[MessageConst.PROPERTY_TAGS, tag]])),
    sysFlag: 0,
    bornTimestamp: nowMs,
    bornHost: host,
    storeHost: host,
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
    tagsCode: javaStringHashCode(tag),
    keys: undefined,
    uniqKey: undefined,
    waitStoreMsgOK: true,
  };
}

/** Reads a revive-log record back; undefined (and the caller logs) for anything it did not write. */
export function parseReviveLogRecord(record: MessageRecordView): ReviveLogRecord | undefined {
  const tag = parseMessageProperties(record.properties).get(MessageConst.PROPERTY_TAGS);
  let json: unknown;
  try {
    json = JSON.parse(record.body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const f = json as Record<string, unknown>;
  const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined);
  const offsets = Array.isArray(f['o']) ? f['o'].map(num) : undefined;
  const [queueId, startOffset, popTime] = [num(f['q']), num(f['so']), num(f['pt'])];
  if (
    typeof f['g'] !== 'string' ||
    typeof f['t'] !== 'string' ||
    queueId === undefined ||
    startOffset === undefined ||
    popTime === undefined
  )
    return undefined;
  if (offsets === undefined || offsets.some((o) => o === undefined)) return undefined;
  const base = { group: f['g'], storedTopic: f['t'], queueId, startOffset, popTime, offsets: offsets as number[] };
  if (tag === ACK_TAG) return { kind: 'ack', ack: base };
  const invisibleTime = num(f['it']);
  const reviveQid = num(f['rq']);
  if (tag !== CK_TAG || invisibleTime === undefined || reviveQid === undefined) return undefined;
  return { kind: 'ck', ck: { ...base, invisibleTime, reviveQid } };
}
