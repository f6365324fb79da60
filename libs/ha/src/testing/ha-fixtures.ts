/**
 * Helpers for the HA specs and the benchmark: real message stores in temp directories (small
 * segments so several exist), messages, the commit-log bytes of a range as read from the segment
 * files, and a logger that keeps what it was told. Not exported from the package.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';

import { type Logger, silentLogger, systemClock } from '@rocketmq-ts/base';
import { decodeMessageRecord, encodeMessageProperties } from '@rocketmq-ts/model';
import { DefaultMessageStore, type MessageToStore, type StoreConfig, defaultStoreConfig, segmentFileName } from '@rocketmq-ts/store';
import { createTempDir, type TempDir } from '@rocketmq-ts/testing';

export const TEST_SEGMENT_BYTES = 64 * 1024;

export interface StoreUnderTest {
  readonly dir: TempDir;
  readonly config: StoreConfig;
  store: DefaultMessageStore;
  /** Opens the store again from its files (after `halt` or `shutdown`). */
  reopen(): Promise<DefaultMessageStore>;
}

export async function openTestStore(
  brokerRole: StoreConfig['brokerRole'],
  overrides: Partial<StoreConfig> = {},
  logger: Logger = silentLogger,
): Promise<StoreUnderTest> {
  const dir = createTempDir(`ha-${brokerRole.toLowerCase()}`);
  const config = defaultStoreConfig(dir.path, {
    brokerRole,
    mappedFileSizeCommitLog: TEST_SEGMENT_BYTES,
    maxMessageSize: 8 * 1024,
    maxHashSlotNum: 64,
    maxIndexNum: 256,
    ...overrides,
  });
  const open = (): Promise<DefaultMessageStore> => DefaultMessageStore.open(config, { clock: systemClock, logger });
  const underTest: StoreUnderTest = {
    dir,
    config,
    store: await open(),
    reopen: async () => (underTest.store = await open()),
  };
  return underTest;
}

const HOST = { ip: Uint8Array.of(127, 0, 0, 1), port: 10911 };

/** Message `index` with a body that names it, e.g. "17:xxxx…". */
export function numberedMessage(index: number, bodyBytes = 600, queueId = index % 4): MessageToStore {
  const body = Buffer.alloc(bodyBytes, 0x78);
  body.write(`${index}:`);
  return {
    topic: 'TopicHA',
    queueId,
    flag: 0,
    body,
    properties: encodeMessageProperties({ KEYS: `key-${index}` }),
    sysFlag: 0,
    bornTimestamp: 1_700_000_000_000,
    bornHost: HOST,
    storeHost: HOST,
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
    tagsCode: 0,
    keys: `key-${index}`,
    uniqKey: undefined,
    waitStoreMsgOK: true,
  };
}

/** Puts messages [from, to) and returns the offset after the last one. */
export async function putMessages(store: DefaultMessageStore, from: number, to: number, bodyBytes?: number): Promise<number> {
  let end = store.getMaxPhyOffset();
  for (let index = from; index < to; index++) {
    const result = await store.putMessage(numberedMessage(index, bodyBytes));
    if (result.appendResult === undefined) throw new Error(`put ${index} failed: ${result.status} ${result.remark ?? ''}`);
    end = result.appendResult.wroteOffset + result.appendResult.wroteBytes;
  }
  return end;
}

/** The message numbers a consumer of `queueId` reads from `from` to the end of the queue. */
export async function queueMessageNumbers(
  store: DefaultMessageStore,
  queueId: number,
  from = store.getMinOffsetInQueue('TopicHA', queueId),
): Promise<number[]> {
  const seen: number[] = [];
  for (let offset = from; ;) {
    const result = await store.getMessage({
      group: 'G',
      topic: 'TopicHA',
      queueId,
      offset,
      maxMsgNums: 32,
      maxMsgBytes: 0,
      filter: undefined,
    });
    if (result.status !== 'FOUND') return seen;
    for (const record of result.messages) seen.push(Number(decodeMessageRecord(record).body.toString('latin1', 0, 12).split(':')[0]));
    offset = result.nextBeginOffset;
  }
}

/** Commit-log bytes [from, to) straight from the segment files. */
export function commitLogBytes(config: StoreConfig, from: number, to: number): Buffer {
  const out = Buffer.alloc(to - from);
  const segmentBytes = config.mappedFileSizeCommitLog;
  for (let at = from; at < to;) {
    const segmentStart = at - (at % segmentBytes);
    const length = Math.min(to, segmentStart + segmentBytes) - at;
    const fd = openSync(join(config.storePathCommitLog, segmentFileName(segmentStart)), 'r');
    try {
      readSync(fd, out, at - from, length, at - segmentStart);
    } finally {
      closeSync(fd);
    }
    at += length;
  }
  return out;
}
