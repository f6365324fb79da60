/**
 * Helpers for the store's specs and the benchmark: temp store directories, messages, an
 * in-memory queue-offset assigner (a hand-written fake of the QueueOffsetAssigner port) and a
 * logger that records what it was told. Not exported from the package.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { decodeMessageRecord, isEndOfFileMarker, type MessageRecordView } from '@rocketmq-ts/model';

import type { MessageToStore } from '../message-store';
import { type StoreConfig, defaultStoreConfig } from '../store-config';
import type { CommitLogReader, QueueOffsetAssigner } from '../store-internals';

export const TEST_SEGMENT_BYTES = 64 * 1024;

export interface TempStore {
  readonly root: string;
  readonly config: StoreConfig;
  remove(): void;
}

/** A fresh store root under os.tmpdir with 64 KiB segments and a 16 KiB message limit. */
export function createTempStore(overrides: Partial<StoreConfig> = {}): TempStore {
  const root = mkdtempSync(join(tmpdir(), 'rocketmq-ts-store-'));
  const config = defaultStoreConfig(root, { mappedFileSizeCommitLog: TEST_SEGMENT_BYTES, maxMessageSize: 16 * 1024, ...overrides });
  return { root, config, remove: () => rmSync(root, { recursive: true, force: true }) };
}

const LOCALHOST = { ip: Uint8Array.of(127, 0, 0, 1), port: 10911 };
const PRODUCER = { ip: Uint8Array.of(10, 0, 0, 7), port: 52000 };

export function testMessage(overrides: Partial<MessageToStore> = {}): MessageToStore {
  return {
    topic: 'TopicTest',
    queueId: 0,
    flag: 0,
    body: Buffer.from('hello'),
    properties: 'TAGS\u0001TagA\u0002',
    sysFlag: 0,
    bornTimestamp: 1_700_000_000_000,
    bornHost: PRODUCER,
    storeHost: LOCALHOST,
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
    tagsCode: 0,
    keys: undefined,
    uniqKey: undefined,
    waitStoreMsgOK: true,
    ...overrides,
  };
}

/** Next offset per `topic-queueId`, as the facade's topic-queue table does. */
export class MemoryQueueOffsetAssigner implements QueueOffsetAssigner {
  readonly next = new Map<string, number>();
  calls = 0;

  assignQueueOffset(topic: string, queueId: number, count: number): number {
    this.calls++;
    const key = `${topic}-${queueId}`;
    const first = this.next.get(key) ?? 0;
    this.next.set(key, first + count);
    return first;
  }
}

/** Every record in [from, to) of a commit log, following BLANK markers to the next segment. */
export async function readAllRecords(
  reader: CommitLogReader,
  from = reader.minOffset(),
  to = reader.maxOffset(),
): Promise<Array<MessageRecordView & { offset: number }>> {
  const records: Array<MessageRecordView & { offset: number }> = [];
  let offset = from;
  while (offset < to) {
    const chunk = await reader.readChunk(offset, 1024 * 1024);
    if (!chunk) break;
    let position = 0;
    while (position < chunk.buffer.length) {
      if (isEndOfFileMarker(chunk.buffer, position)) {
        position = chunk.buffer.length;
        offset = reader.rollNextFile(offset);
        break;
      }
      const record = decodeMessageRecord(chunk.buffer, position, chunk.buffer.length, { verifyBodyCrc: true });
      records.push({ ...record, offset: offset });
      position += record.totalSize;
      offset += record.totalSize;
    }
  }
  return records;
}
