/**
 * Reads by commit-log offset and by key: VIEW_MESSAGE_BY_ID (33) and QUERY_MESSAGE (12).
 * The index holds only key hashes, so every record found through it is decoded and its real
 * topic and keys compared before it is returned.
 */
import { BLANK_MAGIC_CODE, decodeMessageRecord, findMessageProperty, MessageConst, MessageDecodeError } from '@rocketmq-ts/model';

import type { IndexService } from './index-file/index-service';
import type { QueryMessageRequest, QueryMessageResult } from './message-store';
import type { CommitLogReader } from './store-internals';

/** The whole record at a commit-log offset, or undefined when none starts there. */
export async function lookMessageByOffset(commitLog: CommitLogReader, commitLogOffset: number): Promise<Buffer | undefined> {
  if (commitLogOffset < commitLog.minOffset() || commitLogOffset >= commitLog.maxOffset()) return undefined;
  const header = await commitLog.read(commitLogOffset, 8);
  if (header === undefined || header.readInt32BE(4) === BLANK_MAGIC_CODE) return undefined;
  const record = await commitLog.read(commitLogOffset, header.readInt32BE(0));
  return record !== undefined && decodesAt(record) ? record : undefined;
}

/** Records of `topic` whose UNIQ_KEY or one of whose KEYS equals `key`, newest first. */
export async function queryMessage(
  commitLog: CommitLogReader,
  index: IndexService | undefined,
  request: QueryMessageRequest,
): Promise<QueryMessageResult> {
  const lastUpdate = index?.lastUpdate() ?? { timestampMs: 0, phyOffset: 0 };
  const offsets = index?.queryOffsets(request) ?? [];
  // After a crash the newest index file is rebuilt, so a key may be filed twice.
  const unique = [...new Set(offsets)];
  const records = await Promise.all(unique.map((offset) => lookMessageByOffset(commitLog, offset)));
  const messages = records.filter((record): record is Buffer => record !== undefined && hasKey(record, request.topic, request.key));
  return { messages, indexLastUpdateTimestamp: lastUpdate.timestampMs, indexLastUpdatePhyoffset: lastUpdate.phyOffset };
}

function hasKey(record: Buffer, topic: string, key: string): boolean {
  const view = decodeMessageRecord(record);
  if (view.topic !== topic) return false;
  const properties = view.properties.toString('utf8');
  if (findMessageProperty(properties, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX) === key) return true;
  return (findMessageProperty(properties, MessageConst.PROPERTY_KEYS) ?? '').split(' ').includes(key);
}

function decodesAt(record: Buffer): boolean {
  try {
    decodeMessageRecord(record);
    return true;
  } catch (error) {
    if (error instanceof MessageDecodeError) return false;
    throw error;
  }
}
