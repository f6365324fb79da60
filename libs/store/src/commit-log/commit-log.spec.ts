// Proves the append path on real files: records round-trip through model's decoder with the
// offsets the writer patched in, queue offsets are consecutive per queue, a record that does not
// fit the segment leaves a BLANK marker and lands at the next segment's start, and invalid
// messages are refused with a status before anything is written.
import { silentLogger } from '@rocketmq-ts/base';
import { BLANK_MAGIC_CODE, MessageSysFlag, createOffsetMessageId, decodeMessageRecord } from '@rocketmq-ts/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { BatchToStore } from '../message-store';
import { CommitLog } from './commit-log';
import {
  MemoryQueueOffsetAssigner,
  TEST_SEGMENT_BYTES,
  type TempStore,
  createTempStore,
  readAllRecords,
  testMessage,
} from '../testing/commit-log-fixtures';

describe('Store > CommitLog > append', () => {
  let store: TempStore;
  let commitLog: CommitLog;
  let assigner: MemoryQueueOffsetAssigner;

  beforeEach(async () => {
    store = createTempStore();
    commitLog = new CommitLog({ config: store.config, logger: silentLogger });
    await commitLog.load();
    assigner = new MemoryQueueOffsetAssigner();
  });

  afterEach(async () => {
    await commitLog.shutdown();
    store.remove();
  });

  it('reads back what it appended, with offsets, store time and offsetMsgId', async () => {
    const message = testMessage({ body: Buffer.from('round trip'), queueId: 3, flag: 9 });
    const first = await commitLog.append(message, assigner);
    const second = await commitLog.append(message, assigner);

    expect(first.status).toBe('PUT_OK');
    expect(second.appendResult?.wroteOffset).toBe(first.appendResult?.wroteBytes);
    const appended = second.appendResult;
    if (!appended) throw new Error('no append result');
    const bytes = await commitLog.read(appended.wroteOffset, appended.wroteBytes);
    if (!bytes) throw new Error('nothing read');
    const record = decodeMessageRecord(bytes, 0, bytes.length, { verifyBodyCrc: true });
    expect(record.body.toString()).toBe('round trip');
    expect(record.topic).toBe('TopicTest');
    expect(record.queueId).toBe(3);
    expect(record.flag).toBe(9);
    expect(record.queueOffset).toBe(1);
    expect(record.physicalOffset).toBe(appended.wroteOffset);
    expect(record.storeTimestamp).toBe(appended.storeTimestamp);
    expect(appended.msgIds).toEqual([createOffsetMessageId(message.storeHost, appended.wroteOffset)]);
    expect(commitLog.maxOffset()).toBe(appended.wroteOffset + appended.wroteBytes);
  });

  it('keeps queue offsets consecutive per queue, independent across queues', async () => {
    const offsets: Array<[number, number]> = [];
    for (let index = 0; index < 12; index++) {
      const result = await commitLog.append(testMessage({ queueId: index % 3 }), assigner);
      offsets.push([index % 3, result.appendResult?.logicsOffset ?? -1]);
    }
    for (const queueId of [0, 1, 2])
      expect(offsets.filter(([queue]) => queue === queueId).map(([, offset]) => offset)).toEqual([0, 1, 2, 3]);
  });

  it('closes a segment with a BLANK marker when the next record does not fit, and writes the record at the next segment start', async () => {
    const body = Buffer.alloc(1000, 0x61);
    const results = [];
    while (commitLog.queue.mappedFiles().length < 2) results.push(await commitLog.append(testMessage({ body }), assigner));
    const last = results[results.length - 1]?.appendResult;
    const beforeLast = results[results.length - 2]?.appendResult;
    if (!last || !beforeLast) throw new Error('no results');

    expect(last.wroteOffset).toBe(TEST_SEGMENT_BYTES);
    const blankAt = beforeLast.wroteOffset + beforeLast.wroteBytes;
    const marker = await commitLog.read(blankAt, 8);
    expect(marker?.readInt32BE(0)).toBe(TEST_SEGMENT_BYTES - blankAt);
    expect(marker?.readInt32BE(4)).toBe(BLANK_MAGIC_CODE);
    const records = await readAllRecords(commitLog);
    expect(records).toHaveLength(results.length);
    expect(records.map((record) => record.queueOffset)).toEqual(results.map((_, index) => index));
  });

  it('stores a batch as consecutive records with consecutive queue offsets, one id each', async () => {
    await commitLog.append(testMessage({ queueId: 1 }), assigner);
    const batch = testBatch(5);
    const result = await commitLog.appendBatch(batch, assigner);

    expect(result.status).toBe('PUT_OK');
    expect(result.appendResult?.msgNum).toBe(5);
    expect(result.appendResult?.logicsOffset).toBe(1);
    expect(new Set(result.appendResult?.msgIds).size).toBe(5);
    const records = (await readAllRecords(commitLog)).slice(1);
    expect(records.map((record) => record.body.toString())).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(records.map((record) => record.queueOffset)).toEqual([1, 2, 3, 4, 5]);
    expect(records.map((record) => record.physicalOffset)).toEqual(records.map((record) => record.offset));
  });

  it('moves a whole batch to the next segment when it does not fit the rest of the current one', async () => {
    const body = Buffer.alloc(1000, 0x62);
    while (commitLog.maxOffset() < TEST_SEGMENT_BYTES - 3000) await commitLog.append(testMessage({ body }), assigner);
    const result = await commitLog.appendBatch(testBatch(4, body), assigner);
    expect(result.appendResult?.wroteOffset).toBe(TEST_SEGMENT_BYTES);
    expect((await readAllRecords(commitLog)).slice(-4).map((record) => record.offset >= TEST_SEGMENT_BYTES)).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  it('gives prepared half messages queue offset 0 without taking an offset', async () => {
    const result = await commitLog.append(testMessage({ sysFlag: MessageSysFlag.TRANSACTION_PREPARED_TYPE }), assigner);
    expect(result.status).toBe('PUT_OK');
    expect(result.appendResult?.logicsOffset).toBe(0);
    expect(assigner.calls).toBe(0);
  });

  it.each([
    ['a body over maxMessageSize', testMessage({ body: Buffer.alloc(16 * 1024 + 1) }), 'MESSAGE_ILLEGAL', 'exceeds maxMessageSize'],
    ['an empty topic', testMessage({ topic: '' }), 'MESSAGE_ILLEGAL', 'topic is empty'],
    ['a 128-byte topic', testMessage({ topic: 'T'.repeat(128) }), 'MESSAGE_ILLEGAL', 'exceeds 127'],
    [
      'properties over 32767 bytes',
      testMessage({ properties: `K\u0001${'v'.repeat(32767)}\u0002` }),
      'PROPERTIES_SIZE_EXCEEDED',
      'exceed 32767',
    ],
    ['a flag that is not an int32', testMessage({ flag: 2 ** 40 }), 'MESSAGE_ILLEGAL', 'flag'],
  ])('refuses %s without writing anything', async (_name, message, status, remark) => {
    const result = await commitLog.append(message, assigner);
    expect(result.status).toBe(status);
    expect(result.remark).toContain(remark);
    expect(result.appendResult).toBeUndefined();
    expect(commitLog.maxOffset()).toBe(0);
    expect(assigner.calls).toBe(0);
  });

  it('refuses an empty batch and a record larger than a segment', async () => {
    const small = createTempStore({ mappedFileSizeCommitLog: 4096, maxMessageSize: 8192 });
    const tiny = new CommitLog({ config: small.config, logger: silentLogger });
    await tiny.load();
    try {
      expect((await tiny.appendBatch({ ...testBatch(1), messages: [] }, assigner)).status).toBe('MESSAGE_ILLEGAL');
      const oversized = await tiny.append(testMessage({ body: Buffer.alloc(5000) }), assigner);
      expect(oversized.status).toBe('MESSAGE_ILLEGAL');
      expect(oversized.remark).toContain('cannot fit a 4096-byte commit-log segment');
      expect(assigner.calls).toBe(0);
    } finally {
      await tiny.shutdown();
      small.remove();
    }
  });

  it('answers SERVICE_NOT_AVAILABLE with the reason while marked not writable', async () => {
    commitLog.markNotWritable('disk full: used 95% > warning level 90%');
    const refused = await commitLog.append(testMessage(), assigner);
    expect(refused).toEqual({
      status: 'SERVICE_NOT_AVAILABLE',
      appendResult: undefined,
      remark: 'disk full: used 95% > warning level 90%',
    });
    commitLog.markWritable();
    expect((await commitLog.append(testMessage(), assigner)).status).toBe('PUT_OK');
  });

  it('reads nothing outside the written range', async () => {
    await commitLog.append(testMessage(), assigner);
    expect(await commitLog.read(commitLog.maxOffset() - 4, 8)).toBeUndefined();
    expect(await commitLog.read(10 * TEST_SEGMENT_BYTES, 8)).toBeUndefined();
    expect(await commitLog.readChunk(commitLog.maxOffset(), 100)).toBeUndefined();
    expect((await commitLog.readChunk(0, 1 << 20))?.buffer.length).toBe(commitLog.maxOffset());
  });
});

function testBatch(count: number, body?: Buffer): BatchToStore {
  const base = testMessage({ queueId: 1 });
  return {
    ...base,
    messages: Array.from({ length: count }, (_, index) => ({
      flag: 0,
      body: body ?? Buffer.from(`m${index}`),
      properties: 'TAGS\u0001B\u0002',
      tagsCode: 0,
      keys: undefined,
      uniqKey: undefined,
    })),
  };
}
