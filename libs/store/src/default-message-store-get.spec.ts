/**
 * Proves the pull read path row by row against docs/remoting-protocol.md#requests-the-broker-serves's table, with a real
 * consume queue in a temp dir over a fake commit log: statuses and nextBeginOffset, the tags
 * filter, count and byte caps, and that a slave never corrects the offset.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { silentLogger } from '@rocketmq-ts/base';
import { encodeMessageProperties, javaStringHashCode } from '@rocketmq-ts/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ConsumeQueue } from './consume-queue/consume-queue';
import { getMessage, type GetMessageContext } from './default-message-store-get';
import { FakeCommitLogReader } from './testing/commit-log-reader.fake';
import type { GetMessageRequest } from './message-store';
import { defaultStoreConfig, type StoreConfig } from './store-config';

let dir: string;
let log: FakeCommitLogReader;
let queue: ConsumeQueue;

function context(overrides: Partial<StoreConfig> = {}): GetMessageContext {
  const config = defaultStoreConfig(dir, overrides);
  return { config, role: { current: config.brokerRole }, commitLog: log, memoryBytes: 1 << 30 };
}

function pull(offset: number, more: Partial<GetMessageRequest> = {}): GetMessageRequest {
  return { group: 'G', topic: 'T', queueId: 0, offset, maxMsgNums: 32, maxMsgBytes: 0, filter: undefined, ...more };
}

/** Appends `count` records tagged alternately A and B, each with its consume-queue entry. */
function store(count: number, body = 'x'): number {
  let size = 0;
  for (let i = 0; i < count; i++) {
    const tags = i % 2 === 0 ? 'A' : 'B';
    const offset = log.append({
      topic: 'T',
      queueId: 0,
      queueOffset: i,
      storeTimestamp: 1,
      body: Buffer.from(body),
      properties: encodeMessageProperties({ TAGS: tags }),
    });
    size = log.maxOffset() - offset;
    queue.put(offset, size, javaStringHashCode(tags), i);
  }
  return size;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'get-'));
  log = new FakeCommitLogReader(64 * 1024);
  queue = new ConsumeQueue({ topic: 'T', queueId: 0, dir: join(dir, 'T', '0'), fileSizeBytes: 2000, logger: silentLogger });
  queue.loadAndRecover();
});
afterEach(() => {
  queue.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Store > getMessage > statuses and offsets', () => {
  it('empty queue: NO_MESSAGE_IN_QUEUE with nextBeginOffset 0, whatever the offset', async () => {
    for (const offset of [0, 5])
      expect(await getMessage(context(), queue, pull(offset))).toMatchObject({
        status: 'NO_MESSAGE_IN_QUEUE',
        nextBeginOffset: 0,
        maxOffset: 0,
      });
    expect((await getMessage(context(), undefined, pull(3))).status).toBe('NO_MESSAGE_IN_QUEUE');
  });

  it('offset == max: OFFSET_OVERFLOW_ONE at the same offset; offset > max: OFFSET_OVERFLOW_BADLY to max', async () => {
    store(3);
    expect(await getMessage(context(), queue, pull(3))).toMatchObject({
      status: 'OFFSET_OVERFLOW_ONE',
      nextBeginOffset: 3,
      minOffset: 0,
      maxOffset: 3,
    });
    expect(await getMessage(context(), queue, pull(9))).toMatchObject({ status: 'OFFSET_OVERFLOW_BADLY', nextBeginOffset: 3 });
  });

  it('offset < min: OFFSET_TOO_SMALL to min', async () => {
    const offset = log.append({ topic: 'T', queueId: 0, queueOffset: 7, storeTimestamp: 1, properties: '' });
    queue.put(offset, log.maxOffset() - offset, 0, 7);
    expect(await getMessage(context(), queue, pull(2))).toMatchObject({
      status: 'OFFSET_TOO_SMALL',
      nextBeginOffset: 7,
      minOffset: 7,
      maxOffset: 8,
    });
  });

  it('FOUND: the stored records as they are, nextBeginOffset after the last', async () => {
    store(5);
    const result = await getMessage(context(), queue, pull(1));
    expect(result).toMatchObject({ status: 'FOUND', nextBeginOffset: 5, suggestPullingFromSlave: false });
    expect(result.messages.map((record) => record.readInt32BE(20) * 2 ** 32 + record.readUInt32BE(24))).toEqual([1, 2, 3, 4]);
  });

  it('a slave does not correct offsets', async () => {
    store(3);
    expect(await getMessage(context({ brokerRole: 'SLAVE' }), queue, pull(9))).toMatchObject({
      status: 'OFFSET_OVERFLOW_BADLY',
      nextBeginOffset: 9,
    });
  });
});

describe('Store > getMessage > filter and caps', () => {
  it('returns only entries whose tags code the filter accepts', async () => {
    store(6);
    const tagB = javaStringHashCode('B');
    const result = await getMessage(context(), queue, pull(0, { filter: (tagsCode) => tagsCode === tagB }));
    expect(result.status).toBe('FOUND');
    expect(result.messages).toHaveLength(3);
    expect(result.nextBeginOffset).toBe(6);
  });

  it('NO_MATCHED_MESSAGE when every scanned entry is filtered out, moving past them', async () => {
    store(4);
    expect(await getMessage(context(), queue, pull(0, { filter: () => false }))).toMatchObject({
      status: 'NO_MATCHED_MESSAGE',
      nextBeginOffset: 4,
      messages: [],
    });
  });

  it('stops at maxMsgNums and at the in-memory count cap', async () => {
    store(40);
    expect(await getMessage(context(), queue, pull(0, { maxMsgNums: 5 }))).toMatchObject({ nextBeginOffset: 5 });
    expect((await getMessage(context(), queue, pull(0, { maxMsgNums: 64 }))).messages).toHaveLength(32);
  });

  it('stops at maxMsgBytes and the in-memory byte cap, but always returns the first record', async () => {
    const size = store(10, 'y'.repeat(400));
    expect((await getMessage(context(), queue, pull(0, { maxMsgBytes: size * 3 }))).messages).toHaveLength(3);
    expect((await getMessage(context(), queue, pull(0, { maxMsgBytes: 1 }))).messages).toHaveLength(1);
    expect((await getMessage(context({ maxTransferBytesOnMessageInMemory: size * 2 }), queue, pull(0))).messages).toHaveLength(2);
  });

  it('applies the on-disk caps, and suggests a slave, for records beyond the memory window', async () => {
    store(20);
    const cold: GetMessageContext = { ...context(), memoryBytes: 0 };
    const result = await getMessage(cold, queue, pull(0));
    expect(result.messages).toHaveLength(8);
    expect(result.suggestPullingFromSlave).toBe(true);
  });
});

describe('Store > getMessage > record filter (SQL92)', () => {
  const queueOffsetOf = (record: Buffer): number => record.readInt32BE(20) * 2 ** 32 + record.readUInt32BE(24);
  /** Keeps records whose queue offset is a multiple of `every`, counting the records it was shown. */
  const everyNth = (every: number) => {
    const seen: number[] = [];
    return { seen, filter: (record: Buffer) => (seen.push(queueOffsetOf(record)), queueOffsetOf(record) % every === 0) };
  };

  it('counts only matching records towards maxMsgNums, and reads on past those that did not match', async () => {
    store(20);
    const { seen, filter } = everyNth(3);
    const result = await getMessage(context(), queue, pull(0, { maxMsgNums: 4, recordFilter: filter }));
    expect(result.messages.map(queueOffsetOf)).toEqual([0, 3, 6, 9]);
    expect(result.status).toBe('FOUND');
    // Every entry shown to the filter is consumed; the pull resumes after the last one.
    expect(seen).toEqual([...new Set(seen)]);
    expect(result.nextBeginOffset).toBe(Math.max(...seen) + 1);
    expect(seen[0]).toBe(0);
  });

  it('NO_MATCHED_MESSAGE after every scanned entry, when no record matches', async () => {
    store(6);
    const result = await getMessage(context(), queue, pull(2, { recordFilter: () => false }));
    expect(result).toMatchObject({ status: 'NO_MATCHED_MESSAGE', nextBeginOffset: 6, messages: [] });
  });

  it('keeps the byte cap on matching records', async () => {
    const size = store(10);
    const result = await getMessage(context(), queue, pull(0, { maxMsgBytes: size * 2, recordFilter: everyNth(2).filter }));
    expect(result.messages.map(queueOffsetOf)).toEqual([0, 2]);
  });

  it('leaves the tags path alone: without a record filter, no record is passed to one', async () => {
    store(4);
    const result = await getMessage(context(), queue, pull(0, { filter: (code) => code === javaStringHashCode('A') }));
    expect(result.messages.map(queueOffsetOf)).toEqual([0, 2]);
  });
});
