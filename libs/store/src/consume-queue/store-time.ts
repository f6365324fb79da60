/**
 * Store-time lookups through consume-queue entries: SEARCH_OFFSET_BY_TIMESTAMP (29) and
 * GET_EARLIEST_MSG_STORETIME (32). The queue holds no times, so each probe reads the record
 * header from the commit log; entries are in append order, so store times never decrease.
 */
import { readInt64 } from '@rocketmq-ts/base';
import { MessageRecordPosition, MessageSysFlag, storeTimestampPosition } from '@rocketmq-ts/model';

import type { BoundaryType } from '../message-store';
import type { CommitLogReader } from '../store-internals';
import type { ConsumeQueue } from './consume-queue';
import { entryCommitLogOffset, isRealEntry } from './consume-queue-entry';

/** Enough of a record to hold STORETIMESTAMP even with an IPv6 born host (76 bytes). */
const HEADER_BYTES_FOR_STORE_TIME = storeTimestampPosition(MessageSysFlag.BORNHOST_V6) + 8;

/** Store time of the record at a commit-log offset, or -1 when it is gone. */
export async function readStoreTimestamp(reader: CommitLogReader, commitLogOffset: number): Promise<number> {
  const header = await reader.read(commitLogOffset, HEADER_BYTES_FOR_STORE_TIME);
  if (header === undefined || header.length < HEADER_BYTES_FOR_STORE_TIME) return -1;
  const position = storeTimestampPosition(header.readInt32BE(MessageRecordPosition.SYS_FLAG));
  return readInt64(header, position);
}

/** Store time of the message at `queueOffset`, or -1. */
export async function storeTimestampAt(queue: ConsumeQueue, reader: CommitLogReader, queueOffset: number): Promise<number> {
  const entry = queue.readEntries(queueOffset, 1);
  if (entry.length === 0 || queueOffset < queue.getMinOffsetInQueue() || !isRealEntry(entry, 0)) return -1;
  return readStoreTimestamp(reader, entryCommitLogOffset(entry, 0));
}

/**
 * lower: the first offset stored at or after `timestampMs`, or the max offset when every message
 * is older. upper: the last offset stored at or before it, or the min offset when every message is
 * newer. An empty queue answers its max offset for both.
 */
export async function offsetByStoreTime(
  queue: ConsumeQueue,
  reader: CommitLogReader,
  timestampMs: number,
  boundary: BoundaryType,
): Promise<number> {
  const min = queue.getMinOffsetInQueue();
  const max = queue.getMaxOffsetInQueue();
  if (min >= max) return max;
  // Invariant: entries before `low` are older than the target (lower) or not newer (upper);
  // entries from `high` on are the opposite.
  let low = min;
  let high = max;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const storeTime = await storeTimestampAt(queue, reader, middle);
    const before = boundary === 'lower' ? storeTime < timestampMs : storeTime <= timestampMs;
    if (before) low = middle + 1;
    else high = middle;
  }
  if (boundary === 'lower') return low;
  return Math.max(min, low - 1);
}
