import { hostOfAddress } from '@rocketmq-ts/base';
import { decodeTraceRecords, TRACE_TOPIC } from '@rocketmq-ts/protocol';

import { MQAdminNotFoundError } from './admin-errors';
import type { AdminTransport } from './admin-transport';
import { DEFAULT_QUERY_MAX_NUM, queryMessageByKey } from './message-queries';

/**
 * One step of a message's trace (docs/security.md#trace): its send (Pub) or a consume (SubAfter,
 * and SubBefore for when it started), with the host that wrote the record (the trace message's
 * born host) and what it cost.
 */
export interface TraceView {
  readonly type: 'Pub' | 'SubBefore' | 'SubAfter';
  readonly msgId: string;
  /** Producer group for Pub, consumer group otherwise (old clients leave it out of SubAfter). */
  readonly groupName: string;
  readonly clientHost: string;
  /** When the step started (Pub, SubBefore) or ended (SubAfter); 0 when the record has none. */
  readonly timestamp: number;
  readonly costTimeMs: number | undefined;
  readonly success: boolean | undefined;
  /** Pub: the broker that stored it. */
  readonly storeHost?: string;
  readonly topic?: string;
}

/** Java's QueryMsgTraceByIdSubCommand: the trace topic's messages keyed by `msgId`, decoded, only this message's records, in time order. */
export async function queryMessageTrace(
  transport: AdminTransport,
  msgId: string,
  traceTopic = TRACE_TOPIC,
  maxNum = DEFAULT_QUERY_MAX_NUM,
): Promise<TraceView[]> {
  const messages = await queryMessageByKey(transport, { topic: traceTopic, key: msgId, maxNum });
  const views: TraceView[] = [];
  for (const message of messages) {
    const clientHost = hostOfAddress(message.bornHost) || message.bornHost;
    for (const record of decodeTraceRecords(message.body.toString('utf8')).records) {
      if (record.type === 'other' || record.msgId !== msgId) continue;
      if (record.type === 'Pub')
        views.push({
          type: 'Pub',
          msgId,
          groupName: record.groupName,
          clientHost,
          timestamp: record.timestamp,
          costTimeMs: record.costTimeMs,
          success: record.success,
          storeHost: record.storeHost,
          topic: record.topic,
        });
      else if (record.type === 'SubBefore')
        views.push({
          type: 'SubBefore',
          msgId,
          groupName: record.groupName,
          clientHost,
          timestamp: record.timestamp,
          costTimeMs: undefined,
          success: undefined,
        });
      else
        views.push({
          type: 'SubAfter',
          msgId,
          groupName: record.groupName ?? '',
          clientHost,
          timestamp: record.timestamp ?? 0,
          costTimeMs: record.costTimeMs,
          success: record.success,
        });
    }
  }
  if (views.length === 0) throw new MQAdminNotFoundError(`no trace record of message ${msgId} in ${traceTopic}`);
  return views.sort((a, b) => a.timestamp - b.timestamp);
}
