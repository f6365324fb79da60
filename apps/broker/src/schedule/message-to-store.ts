import { encodeMessageProperties, javaStringHashCode, MessageConst, type MessageRecordView } from '@rocketmq-ts/model';
import type { MessageToStore } from '@rocketmq-ts/store';

/** The tags hash a consume-queue entry carries for a normal message: Java String.hashCode of TAGS. */
export function tagsCodeOf(properties: ReadonlyMap<string, string>): number {
  const tags = properties.get(MessageConst.PROPERTY_TAGS);
  return tags === undefined || tags === '' ? 0 : javaStringHashCode(tags);
}

export interface RebuildOptions {
  readonly topic: string;
  readonly queueId: number;
  readonly properties: ReadonlyMap<string, string>;
  readonly reconsumeTimes?: number;
}

/**
 * A stored record put back through the store under another topic/queue (delay delivery, retry,
 * DLQ): body, flag, sysFlag, born time and hosts are kept; tags code, keys and unique key are
 * derived from the new properties. WAIT is false: nobody waits on these writes.
 */
export function rebuildMessage(record: MessageRecordView, options: RebuildOptions): MessageToStore {
  return {
    topic: options.topic,
    queueId: options.queueId,
    flag: record.flag,
    body: Buffer.from(record.body),
    properties: encodeMessageProperties(options.properties),
    sysFlag: record.sysFlag,
    bornTimestamp: record.bornTimestamp,
    bornHost: { ip: Uint8Array.from(record.bornHost.ip), port: record.bornHost.port },
    storeHost: { ip: Uint8Array.from(record.storeHost.ip), port: record.storeHost.port },
    reconsumeTimes: options.reconsumeTimes ?? record.reconsumeTimes,
    preparedTransactionOffset: 0,
    tagsCode: tagsCodeOf(options.properties),
    keys: options.properties.get(MessageConst.PROPERTY_KEYS),
    uniqKey: options.properties.get(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX),
    waitStoreMsgOK: false,
  };
}
