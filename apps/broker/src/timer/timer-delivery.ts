import { decodeMessageRecord, MessageConst, MessageDecodeError, parseMessageProperties } from '@rocketmq-ts/model';
import type { MessageToStore } from '@rocketmq-ts/store';

import { rebuildMessage } from '../schedule/message-to-store';

export type DeliveryMessage =
  { readonly kind: 'message'; readonly message: MessageToStore } | { readonly kind: 'unreadable'; readonly reason: string };

/**
 * A staged timer message as it goes to its real topic (Java's TimerMessageStore.convertMessage):
 * REAL_TOPIC/REAL_QID become the topic and queue and are removed, TIMER_DEQUEUE_MS records when it
 * left the wheel; every other property (TIMER_OUT_MS, TIMER_DELIVER_MS, keys, tags) stays.
 */
export function deliveryMessage(raw: Buffer, nowMs: number): DeliveryMessage {
  let record;
  try {
    record = decodeMessageRecord(raw);
  } catch (error) {
    if (error instanceof MessageDecodeError) return { kind: 'unreadable', reason: error.message };
    throw error;
  }
  const properties = parseMessageProperties(record.properties);
  const topic = properties.get(MessageConst.PROPERTY_REAL_TOPIC);
  const queueId = Number(properties.get(MessageConst.PROPERTY_REAL_QUEUE_ID) ?? '0');
  if (topic === undefined || topic === '' || !Number.isInteger(queueId) || queueId < 0)
    return { kind: 'unreadable', reason: 'no REAL_TOPIC/REAL_QID' };
  properties.delete(MessageConst.PROPERTY_REAL_TOPIC);
  properties.delete(MessageConst.PROPERTY_REAL_QUEUE_ID);
  properties.set(MessageConst.PROPERTY_TIMER_DEQUEUE_MS, String(nowMs));
  return { kind: 'message', message: rebuildMessage(record, { topic, queueId, properties }) };
}

/** TIMER_OUT_MS of a staged record, with its place in the log and queue; undefined when it has none. */
export function stagedTimerEntry(
  raw: Buffer,
): { deliverAtMs: number; commitLogOffset: number; size: number; stagingQueueOffset: number } | undefined {
  let record;
  try {
    record = decodeMessageRecord(raw);
  } catch (error) {
    if (error instanceof MessageDecodeError) return undefined;
    throw error;
  }
  const deliverAtMs = Number(parseMessageProperties(record.properties).get(MessageConst.PROPERTY_TIMER_OUT_MS) ?? 'NaN');
  if (!Number.isSafeInteger(deliverAtMs)) return undefined;
  return { deliverAtMs, commitLogOffset: record.physicalOffset, size: record.totalSize, stagingQueueOffset: record.queueOffset };
}
