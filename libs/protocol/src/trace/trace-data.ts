/**
 * RocketMQ's message-trace records (docs/security.md#trace): what clients with trace on send to
 * `RMQ_SYS_TRACE_TOPIC`, read back by `mqadmin queryMsgTraceById` and the dashboard.
 *
 * A trace message's body is records ended by \u0002, each record's fields separated by \u0001, as
 * text (UTF-8). Its keys are the traced messages' ids (and their own keys), so a QUERY_MESSAGE on
 * the trace topic by msgId finds them. Field order per type:
 *
 *   Pub:       Pub, timestamp, regionId, group, topic, msgId, tags, keys, storeHost, bodyLength,
 *              costTime, msgType, offsetMsgId, success
 *   SubBefore: SubBefore, timestamp, regionId, group, requestId, msgId, retryTimes, keys
 *   SubAfter:  SubAfter, requestId, msgId, costTime, success, keys, contextCode, timestamp, group
 *
 * (A SubAfter from a cloud client ends after contextCode; EndTransaction and Recall records are
 * kept as `other`.) Absent strings are written as Java writes a null: `null`.
 */
export const TRACE_TOPIC = 'RMQ_SYS_TRACE_TOPIC';
export const TRACE_FIELD_SEPARATOR = '\u0001';
export const TRACE_RECORD_END = '\u0002';

/** Java's MessageType ordinals, as the Pub record writes them. */
export const TraceMessageType = { NORMAL: 0, TRANSACTION_HALF: 1, TRANSACTION_COMMIT: 2, DELAY: 3, ORDER: 4 } as const;

export interface PubTrace {
  readonly type: 'Pub';
  readonly timestamp: number;
  readonly regionId: string;
  readonly groupName: string;
  readonly topic: string;
  readonly msgId: string;
  readonly tags: string;
  readonly keys: string;
  readonly storeHost: string;
  readonly bodyLength: number;
  readonly costTimeMs: number;
  readonly msgType: number;
  readonly offsetMsgId: string;
  readonly success: boolean;
}

export interface SubBeforeTrace {
  readonly type: 'SubBefore';
  readonly timestamp: number;
  readonly regionId: string;
  readonly groupName: string;
  /** Ties a SubBefore to its SubAfter: one id per listener call. */
  readonly requestId: string;
  readonly msgId: string;
  readonly retryTimes: number;
  readonly keys: string;
}

export interface SubAfterTrace {
  readonly type: 'SubAfter';
  readonly requestId: string;
  readonly msgId: string;
  readonly costTimeMs: number;
  readonly success: boolean;
  readonly keys: string;
  /** Java's ConsumeReturnType ordinal: 0 SUCCESS, 1 TIME_OUT, 2 EXCEPTION, 3 RETURNNULL, 4 FAILED. */
  readonly contextCode: number;
  readonly timestamp: number | undefined;
  readonly groupName: string | undefined;
}

/** A record of a type this reader does not interpret (EndTransaction, Recall), kept as its fields. */
export interface OtherTrace {
  readonly type: 'other';
  readonly fields: readonly string[];
}

export type TraceRecord = PubTrace | SubBeforeTrace | SubAfterTrace | OtherTrace;

export const ConsumeReturnType = { SUCCESS: 0, TIME_OUT: 1, EXCEPTION: 2, RETURNNULL: 3, FAILED: 4 } as const;

export function encodeTraceRecords(records: readonly TraceRecord[]): string {
  let out = '';
  for (const record of records) out += fieldsOf(record).join(TRACE_FIELD_SEPARATOR) + TRACE_RECORD_END;
  return out;
}

/** Every record it can read; a record it cannot (too few fields, a bad number) is skipped and counted. */
export function decodeTraceRecords(text: string): { readonly records: TraceRecord[]; readonly skipped: number } {
  const records: TraceRecord[] = [];
  let skipped = 0;
  for (const raw of text.split(TRACE_RECORD_END)) {
    if (raw === '') continue;
    const record = decodeOne(raw.split(TRACE_FIELD_SEPARATOR));
    if (record) records.push(record);
    else skipped++;
  }
  return { records, skipped };
}

function fieldsOf(record: TraceRecord): string[] {
  switch (record.type) {
    case 'Pub':
      return [
        'Pub',
        String(record.timestamp),
        record.regionId,
        record.groupName,
        record.topic,
        record.msgId,
        record.tags,
        record.keys,
        record.storeHost,
        String(record.bodyLength),
        String(record.costTimeMs),
        String(record.msgType),
        record.offsetMsgId,
        String(record.success),
      ];
    case 'SubBefore':
      return [
        'SubBefore',
        String(record.timestamp),
        record.regionId,
        record.groupName,
        record.requestId,
        record.msgId,
        String(record.retryTimes),
        record.keys,
      ];
    case 'SubAfter': {
      const fields = [
        'SubAfter',
        record.requestId,
        record.msgId,
        String(record.costTimeMs),
        String(record.success),
        record.keys,
        String(record.contextCode),
      ];
      if (record.timestamp !== undefined && record.groupName !== undefined) fields.push(String(record.timestamp), record.groupName);
      return fields;
    }
    case 'other':
      return [...record.fields];
  }
}

function decodeOne(f: readonly string[]): TraceRecord | undefined {
  const text = (index: number): string => f[index] ?? '';
  const int = (index: number): number | undefined => (/^-?\d+$/.test(text(index)) ? Number(text(index)) : undefined);
  switch (f[0]) {
    case 'Pub': {
      const [timestamp, bodyLength, costTimeMs, msgType] = [int(1), int(9), int(10), int(11)];
      if (f.length < 13 || timestamp === undefined || bodyLength === undefined || costTimeMs === undefined || msgType === undefined)
        return undefined;
      // 13 fields: no offsetMsgId (old clients); 14 or more: offsetMsgId then success.
      const withOffset = f.length >= 14;
      return {
        type: 'Pub',
        timestamp,
        regionId: text(2),
        groupName: text(3),
        topic: text(4),
        msgId: text(5),
        tags: text(6),
        keys: text(7),
        storeHost: text(8),
        bodyLength,
        costTimeMs,
        msgType,
        offsetMsgId: withOffset ? text(12) : '',
        success: text(withOffset ? 13 : 12) === 'true',
      };
    }
    case 'SubBefore': {
      const [timestamp, retryTimes] = [int(1), int(6)];
      if (f.length < 8 || timestamp === undefined || retryTimes === undefined) return undefined;
      return {
        type: 'SubBefore',
        timestamp,
        regionId: text(2),
        groupName: text(3),
        requestId: text(4),
        msgId: text(5),
        retryTimes,
        keys: text(7),
      };
    }
    case 'SubAfter': {
      const costTimeMs = int(3);
      if (f.length < 6 || costTimeMs === undefined) return undefined;
      return {
        type: 'SubAfter',
        requestId: text(1),
        msgId: text(2),
        costTimeMs,
        success: text(4) === 'true',
        keys: text(5),
        contextCode: int(6) ?? 0,
        timestamp: f.length >= 9 ? int(7) : undefined,
        groupName: f.length >= 9 ? text(8) : undefined,
      };
    }
    default:
      return f.length > 0 && f[0] !== '' ? { type: 'other', fields: [...f] } : undefined;
  }
}
