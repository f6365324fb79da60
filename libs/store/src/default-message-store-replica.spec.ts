/**
 * The slave's side of the replication seam on real files: bytes read from a master store with
 * `readCommitLog` and handed to a slave store's `appendReplicated` make the slave's commit log a
 * byte copy of the master's, and the slave's dispatcher rebuilds consume queues and index from
 * them. Offsets that would leave a gap or a duplicate are refused with a typed error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { decodeMessageRecord } from '@rocketmq-ts/model';
import { afterEach, describe, expect, it } from 'vitest';

import { ReplicaAppendError } from './commit-log/append-replicated';
import { offsetToFileName } from './consume-queue/segment-files';
import type { DefaultMessageStore } from './default-message-store';
import { dispatched, message, SEGMENT_BYTES, storeHarness, type StoreHarness } from './testing/default-message-store-fixtures';
import type { StoreConfig } from './store-config';

const opened: Array<{ harness: StoreHarness; store: DefaultMessageStore }> = [];

async function openStore(overrides: Partial<StoreConfig>): Promise<{ harness: StoreHarness; store: DefaultMessageStore }> {
  const harness = storeHarness(overrides);
  const entry = { harness, store: await harness.open() };
  opened.push(entry);
  return entry;
}

afterEach(async () => {
  for (const { harness, store } of opened.splice(0)) {
    await store.shutdown();
    harness.remove();
  }
});

async function fillMaster(master: DefaultMessageStore, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const put = await master.putMessage(message({ queueId: i % 2, body: `${i}:${'m'.repeat(600)}`, keys: `key-${i}` }));
    expect(put.status).toBe('PUT_OK');
  }
  await dispatched(master);
}

/** Copies [from, master max) in chunks of at most `chunkBytes`, as HA frames would carry them. */
async function replicate(master: DefaultMessageStore, slave: DefaultMessageStore, from: number, chunkBytes: number): Promise<void> {
  for (let offset = from; offset < master.getMaxPhyOffset();) {
    const chunk = await master.readCommitLog(offset, chunkBytes);
    if (chunk === undefined) throw new Error(`master has nothing at ${offset}`);
    expect(slave.appendReplicated(offset, chunk.buffer)).toBe(offset + chunk.buffer.length);
    offset += chunk.buffer.length;
  }
}

function segmentBytes(harness: StoreHarness, start: number): Buffer {
  return readFileSync(join(harness.config.storePathCommitLog, offsetToFileName(start)));
}

async function bodiesInQueue(store: DefaultMessageStore, queueId: number, from: number): Promise<number[]> {
  const seen: number[] = [];
  for (let offset = from; ;) {
    const result = await store.getMessage({
      group: 'G',
      topic: 'TopicTest',
      queueId,
      offset,
      maxMsgNums: 32,
      maxMsgBytes: 0,
      filter: undefined,
    });
    if (result.status !== 'FOUND') return seen;
    seen.push(...result.messages.map((record) => Number(decodeMessageRecord(record).body.toString().split(':')[0])));
    offset = result.nextBeginOffset;
  }
}

function replicaError(action: () => unknown): ReplicaAppendError {
  try {
    action();
  } catch (error) {
    if (error instanceof ReplicaAppendError) return error;
    throw error;
  }
  throw new Error('expected a ReplicaAppendError');
}

describe('DefaultMessageStore > replicated appends', () => {
  it('makes the slave commit log a byte copy of the master and rebuilds its consume queues and index', async () => {
    const master = await openStore({});
    const slave = await openStore({ brokerRole: 'SLAVE' });
    await fillMaster(master.store, 40);
    // 3000-byte chunks cut records anywhere; the dispatcher waits for each record's tail.
    await replicate(master.store, slave.store, 0, 3000);
    await dispatched(slave.store);

    expect(slave.store.getMaxPhyOffset()).toBe(master.store.getMaxPhyOffset());
    for (let start = 0; start < master.store.getMaxPhyOffset(); start += SEGMENT_BYTES) {
      expect(segmentBytes(slave.harness, start).equals(segmentBytes(master.harness, start))).toBe(true);
    }
    expect(await bodiesInQueue(slave.store, 0, 0)).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(await bodiesInQueue(slave.store, 1, 0)).toEqual(Array.from({ length: 20 }, (_, i) => i * 2 + 1));
    const byKey = await slave.store.queryMessage({
      topic: 'TopicTest',
      key: 'key-33',
      maxNum: 10,
      beginTimestampMs: 0,
      endTimestampMs: Number.MAX_SAFE_INTEGER,
    });
    expect(byKey.messages.map((record) => decodeMessageRecord(record).body.toString().split(':')[0])).toEqual(['33']);
  });

  it('starts an empty slave at a later segment start and serves queue offsets from there', async () => {
    const master = await openStore({});
    const slave = await openStore({ brokerRole: 'SLAVE' });
    await fillMaster(master.store, 40);
    const lastSegmentStart = master.store.getMaxPhyOffset() - (master.store.getMaxPhyOffset() % SEGMENT_BYTES);
    expect(lastSegmentStart).toBeGreaterThan(0);

    await replicate(master.store, slave.store, lastSegmentStart, 32 * 1024);
    await dispatched(slave.store);

    expect(slave.store.getMinPhyOffset()).toBe(lastSegmentStart);
    expect(segmentBytes(slave.harness, lastSegmentStart).equals(segmentBytes(master.harness, lastSegmentStart))).toBe(true);
    const firstQueueOffset = slave.store.getMinOffsetInQueue('TopicTest', 0);
    expect(firstQueueOffset).toBeGreaterThan(0);
    const onMaster = await bodiesInQueue(master.store, 0, firstQueueOffset);
    expect(await bodiesInQueue(slave.store, 0, firstQueueOffset)).toEqual(onMaster);
  });

  it('refuses gaps, duplicates, mid-segment starts and chunks that cross a segment end', async () => {
    const master = await openStore({});
    const slave = await openStore({ brokerRole: 'SLAVE' });
    await fillMaster(master.store, 4);
    const chunk = await master.store.readCommitLog(0, 1000);
    if (chunk === undefined) throw new Error('master is empty');

    expect(replicaError(() => slave.store.appendReplicated(100, chunk.buffer)).reason).toBe('offset-mismatch');
    slave.store.appendReplicated(0, chunk.buffer);
    const duplicate = replicaError(() => slave.store.appendReplicated(0, chunk.buffer));
    expect(duplicate).toMatchObject({ reason: 'offset-mismatch', expectedOffset: 1000 });
    expect(replicaError(() => slave.store.appendReplicated(2000, chunk.buffer)).reason).toBe('offset-mismatch');
    expect(replicaError(() => slave.store.appendReplicated(1000, Buffer.alloc(SEGMENT_BYTES))).reason).toBe('crosses-segment');
    expect(slave.store.getMaxPhyOffset()).toBe(1000);
  });

  it('is refused by a master store and by a closed store', async () => {
    const master = await openStore({});
    expect(replicaError(() => master.store.appendReplicated(0, Buffer.alloc(8))).reason).toBe('not-writable');
    const slave = await openStore({ brokerRole: 'SLAVE' });
    await slave.store.shutdown();
    expect(replicaError(() => slave.store.appendReplicated(0, Buffer.alloc(8))).reason).toBe('not-writable');
  });

  it('dispatches a SYNC_FLUSH slave once the replicated bytes are flushed', async () => {
    const master = await openStore({});
    const slave = await openStore({ brokerRole: 'SLAVE', flushDiskType: 'SYNC_FLUSH' });
    await fillMaster(master.store, 10);
    await replicate(master.store, slave.store, 0, 32 * 1024);
    // The horizon is the flushed offset: dispatch is complete only once the flush reached the end.
    for (const deadline = Date.now() + 5_000; slave.store.getConfirmOffset() < slave.store.getMaxPhyOffset();) {
      if (Date.now() > deadline) throw new Error('the slave did not flush the replicated bytes within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await dispatched(slave.store);
    expect(await bodiesInQueue(slave.store, 1, 0)).toEqual([1, 3, 5, 7, 9]);
  });

  it('reopens a crashed slave at its last whole record and resumes without a gap or a duplicate byte', async () => {
    const master = await openStore({});
    const slave = await openStore({ brokerRole: 'SLAVE' });
    await fillMaster(master.store, 30);
    const lastPut = await master.store.putMessage(message({ queueId: 0, body: `30:${'m'.repeat(600)}` }));
    const lastRecordAt = lastPut.appendResult?.wroteOffset ?? -1;
    // Everything but the last 300 bytes: the slave's log ends inside the last record.
    for (let offset = 0; offset < master.store.getMaxPhyOffset() - 300;) {
      const chunk = await master.store.readCommitLog(offset, Math.min(2000, master.store.getMaxPhyOffset() - 300 - offset));
      if (chunk === undefined) throw new Error(`master has nothing at ${offset}`);
      offset = slave.store.appendReplicated(offset, chunk.buffer);
    }
    await slave.store.halt();

    slave.store = await slave.harness.open();
    expect(slave.store.recoveredFromCrash()).toBe(true);
    expect(slave.store.getMaxPhyOffset()).toBe(lastRecordAt);
    await replicate(master.store, slave.store, lastRecordAt, 32 * 1024);
    await dispatched(slave.store);
    for (let start = 0; start < master.store.getMaxPhyOffset(); start += SEGMENT_BYTES) {
      expect(segmentBytes(slave.harness, start).equals(segmentBytes(master.harness, start))).toBe(true);
    }
    expect(await bodiesInQueue(slave.store, 0, 0)).toEqual([...Array.from({ length: 15 }, (_, i) => i * 2), 30]);
  });

  it('tells listeners of every append, until they unsubscribe', async () => {
    const master = await openStore({});
    let calls = 0;
    const unsubscribe = master.store.onCommitLogAppended(() => calls++);
    await fillMaster(master.store, 3);
    unsubscribe();
    await fillMaster(master.store, 2);
    expect(calls).toBe(3);
  });
});
