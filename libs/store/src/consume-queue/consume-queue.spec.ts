/**
 * Proves the consume queue's on-disk contract in a real temp dir with 5-entry (100-byte) files:
 * offsets across file rolls, idempotent replays, recovery to the last written entry, truncation
 * against a shortened commit log, expiry below the commit-log min, and search by store time.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { silentLogger } from '@rocketmq-ts/base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FakeCommitLogReader } from '../testing/commit-log-reader.fake';
import { ConsumeQueue } from './consume-queue';
import { entryCommitLogOffset, entrySize, entryTagsCode } from './consume-queue-entry';
import { ConsumeQueueStore } from './consume-queue-store';
import { offsetByStoreTime, storeTimestampAt } from './store-time';

const FILE_BYTES = 100;
let dir: string;

function openQueue(): ConsumeQueue {
  const queue = new ConsumeQueue({
    topic: 'TopicA',
    queueId: 0,
    dir: join(dir, 'TopicA', '0'),
    fileSizeBytes: FILE_BYTES,
    logger: silentLogger,
  });
  queue.loadAndRecover();
  return queue;
}

function putMessages(queue: ConsumeQueue, count: number, from = 0): void {
  for (let i = from; i < from + count; i++) queue.put(i * 100, 100, -i, i);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cq-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Store > ConsumeQueue', () => {
  it('keeps min/max offsets and entries across file rolls, in files named by byte offset', () => {
    const queue = openQueue();
    putMessages(queue, 12);
    expect(queue.getMinOffsetInQueue()).toBe(0);
    expect(queue.getMaxOffsetInQueue()).toBe(12);
    expect(readdirSync(join(dir, 'TopicA', '0'))).toEqual(['00000000000000000000', '00000000000000000100', '00000000000000000200']);
    const entries = queue.readEntries(4, 3);
    expect([0, 1, 2].map((i) => [entryCommitLogOffset(entries, i), entrySize(entries, i), entryTagsCode(entries, i)])).toEqual([
      [400, 100, -4],
      [500, 100, -5],
      [600, 100, -6],
    ]);
    expect(queue.readEntries(11, 5).length).toBe(20);
    expect(queue.readEntries(12, 5).length).toBe(0);
  });

  it('skips a replayed record whose commit-log end is not past the newest entry', () => {
    const queue = openQueue();
    putMessages(queue, 3);
    expect(queue.put(100, 100, 0, 1)).toBe(false);
    expect(queue.put(300, 100, 0, 3)).toBe(true);
    expect(queue.getMaxOffsetInQueue()).toBe(4);
  });

  it('recovers to the last written entry after a reopen, dropping a torn trailing file', () => {
    const queue = openQueue();
    putMessages(queue, 7);
    queue.close();
    writeFileSync(join(dir, 'TopicA', '0', '00000000000000000200'), Buffer.alloc(FILE_BYTES));
    const reopened = openQueue();
    expect(reopened.getMaxOffsetInQueue()).toBe(7);
    expect(reopened.getMaxPhysicOffsetEnd()).toBe(700);
    expect(readdirSync(join(dir, 'TopicA', '0'))).toHaveLength(2);
  });

  it('truncates entries pointing at or past a commit-log end, and they stay gone after reopen', () => {
    const queue = openQueue();
    putMessages(queue, 12);
    queue.truncateDirty(650);
    expect(queue.getMaxOffsetInQueue()).toBe(6);
    expect(queue.getMaxPhysicOffsetEnd()).toBe(600);
    queue.close();
    expect(openQueue().getMaxOffsetInQueue()).toBe(6);
  });

  it('deletes files wholly below the commit-log min offset and moves the min offset', () => {
    const queue = openQueue();
    putMessages(queue, 12);
    expect(queue.deleteExpired(1050)).toBe(2);
    expect(queue.getMinOffsetInQueue()).toBe(11);
    expect(queue.getMaxOffsetInQueue()).toBe(12);
  });

  it('starts an empty queue at a non-zero offset with placeholders that are never served', () => {
    const queue = openQueue();
    queue.put(5000, 100, 0, 7);
    expect(queue.getMinOffsetInQueue()).toBe(7);
    queue.close();
    const reopened = openQueue();
    reopened.correctMinOffset(0);
    expect([reopened.getMinOffsetInQueue(), reopened.getMaxOffsetInQueue()]).toEqual([7, 8]);
  });

  it('finds offsets by store time with lower and upper boundaries', async () => {
    const log = new FakeCommitLogReader();
    const queue = openQueue();
    const times = [1000, 2000, 2000, 3000];
    times.forEach((storeTimestamp, i) => {
      const offset = log.append({ topic: 'TopicA', queueId: 0, queueOffset: i, storeTimestamp, properties: '' });
      queue.put(offset, 100, 0, i);
    });
    expect(await storeTimestampAt(queue, log, 3)).toBe(3000);
    expect(await offsetByStoreTime(queue, log, 2000, 'lower')).toBe(1);
    expect(await offsetByStoreTime(queue, log, 2000, 'upper')).toBe(2);
    expect(await offsetByStoreTime(queue, log, 2500, 'lower')).toBe(3);
    expect(await offsetByStoreTime(queue, log, 2500, 'upper')).toBe(2);
    expect(await offsetByStoreTime(queue, log, 9000, 'lower')).toBe(4);
    expect(await offsetByStoreTime(queue, log, 9000, 'upper')).toBe(3);
    expect(await offsetByStoreTime(queue, log, 10, 'upper')).toBe(0);
  });
});

describe('Store > ConsumeQueueStore', () => {
  it('assigns queue offsets per topic-queue and rebuilds them from the queues', () => {
    const store = new ConsumeQueueStore(dir, FILE_BYTES, silentLogger);
    expect(store.assignQueueOffset('A', 0, 3)).toBe(0);
    expect(store.assignQueueOffset('A', 0, 1)).toBe(3);
    expect(store.assignQueueOffset('A', 1, 1)).toBe(0);
    store.findOrCreate('A', 0).put(0, 10, 0, 0);
    store.findOrCreate('B', 2).put(10, 10, 0, 0);
    store.findOrCreate('B', 2).put(20, 10, 0, 1);
    store.close();
    const reopened = new ConsumeQueueStore(dir, FILE_BYTES, silentLogger);
    reopened.loadAndRecover();
    reopened.rebuildQueueOffsetTable();
    expect(reopened.maxPhysicOffsetEnd()).toBe(30);
    expect(reopened.assignQueueOffset('A', 0, 1)).toBe(1);
    expect(reopened.assignQueueOffset('B', 2, 1)).toBe(2);
    reopened.deleteTopic('B');
    expect(reopened.find('B', 2)).toBeUndefined();
    expect(readdirSync(dir)).toEqual(['A']);
  });
});
