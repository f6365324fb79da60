// Proves the flush contract without clocks: an injected fdatasync counts and gates flushes, so
// "SYNC_FLUSH waits for the sync", "one sync covers a group" and "a sync that never finishes
// gives FLUSH_DISK_TIMEOUT" are checked by counting and by promise state, never by elapsed time.
import { ManualClock, silentLogger } from '@rocketmq-ts/base';
import { afterEach, describe, expect, it } from 'vitest';

import { StoreCheckpoint } from '../checkpoint/store-checkpoint';
import { CommitLog } from '../commit-log/commit-log';
import { MemoryQueueOffsetAssigner, type TempStore, createTempStore, testMessage } from '../testing/commit-log-fixtures';
import { type DatasyncFunction, fdatasyncPromise } from '../mapped-file/mapped-file';
import type { StoreConfig } from '../store-config';
import { FlushRealTimeService } from './flush-real-time-service';

/** A datasync that counts calls and, while closed, holds every call until `open()`. */
class GatedDatasync {
  calls = 0;
  private closed = false;
  private held: Array<() => void> = [];
  readonly datasync: DatasyncFunction = async (fd) => {
    this.calls++;
    if (this.closed) await new Promise<void>((resolve) => this.held.push(resolve));
    await fdatasyncPromise(fd);
  };
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.closed = false;
    for (const release of this.held.splice(0)) release();
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('Store > CommitLog > flush', () => {
  let store: TempStore;
  let commitLog: CommitLog;
  let gate: GatedDatasync;
  const assigner = new MemoryQueueOffsetAssigner();

  async function openCommitLog(overrides: Partial<StoreConfig>, checkpoint?: StoreCheckpoint): Promise<void> {
    store = createTempStore(overrides);
    gate = new GatedDatasync();
    commitLog = new CommitLog({ config: store.config, logger: silentLogger, datasync: gate.datasync, checkpoint });
    await commitLog.load();
    commitLog.start();
  }

  afterEach(async () => {
    gate.open();
    await commitLog.shutdown();
    store.remove();
  });

  it('SYNC_FLUSH: a put resolves only after its bytes are fdatasync-ed', async () => {
    await openCommitLog({ flushDiskType: 'SYNC_FLUSH' });
    gate.close();
    let settled = false;
    const put = commitLog.append(testMessage(), assigner).then((result) => ((settled = true), result));
    await settle();
    await settle();
    expect(gate.calls).toBe(1);
    expect(settled).toBe(false);
    expect(commitLog.flushedOffset()).toBe(0);

    gate.open();
    const result = await put;
    expect(result.status).toBe('PUT_OK');
    expect(commitLog.flushedOffset()).toBeGreaterThanOrEqual(
      (result.appendResult?.wroteOffset ?? 0) + (result.appendResult?.wroteBytes ?? 0),
    );
  });

  it('SYNC_FLUSH: concurrent puts share one fdatasync (group commit)', async () => {
    await openCommitLog({ flushDiskType: 'SYNC_FLUSH' });
    const results = await Promise.all(
      Array.from({ length: 32 }, (_, index) => commitLog.append(testMessage({ queueId: index % 4 }), assigner)),
    );
    expect(results.every((result) => result.status === 'PUT_OK')).toBe(true);
    expect(gate.calls).toBe(1);
    expect(commitLog.flushedOffset()).toBe(commitLog.maxOffset());
  });

  it('SYNC_FLUSH: puts arriving during a flush form the next group', async () => {
    await openCommitLog({ flushDiskType: 'SYNC_FLUSH' });
    gate.close();
    const firstGroup = Array.from({ length: 8 }, () => commitLog.append(testMessage(), assigner));
    await settle();
    const secondGroup = Array.from({ length: 8 }, () => commitLog.append(testMessage(), assigner));
    await settle();
    gate.open();
    const results = await Promise.all([...firstGroup, ...secondGroup]);
    expect(results.every((result) => result.status === 'PUT_OK')).toBe(true);
    expect(gate.calls).toBe(2);
  });

  it('SYNC_FLUSH: a flush slower than syncFlushTimeoutMs gives FLUSH_DISK_TIMEOUT, with the message stored', async () => {
    await openCommitLog({ flushDiskType: 'SYNC_FLUSH', syncFlushTimeoutMs: 20 });
    gate.close();
    const result = await commitLog.append(testMessage(), assigner);
    expect(result.status).toBe('FLUSH_DISK_TIMEOUT');
    expect(result.remark).toContain('syncFlushTimeout 20 ms');
    expect(result.appendResult?.wroteOffset).toBe(0);
    expect(await commitLog.read(0, result.appendResult?.wroteBytes ?? 0)).toBeDefined();
  });

  it('SYNC_FLUSH: WAIT=false puts are acknowledged without waiting for the flush', async () => {
    await openCommitLog({ flushDiskType: 'SYNC_FLUSH' });
    gate.close();
    const result = await commitLog.append(testMessage({ waitStoreMsgOK: false }), assigner);
    expect(result.status).toBe('PUT_OK');
    expect(commitLog.flushedOffset()).toBe(0);
    expect(commitLog.confirmOffset()).toBe(0);
  });

  it('SYNC_FLUSH: a WAIT=false put made while a flush runs is flushed by one more pass, not left until the next write', async () => {
    await openCommitLog({ flushDiskType: 'SYNC_FLUSH' });
    gate.close();
    const waiting = commitLog.append(testMessage(), assigner);
    await settle();
    // The flush for `waiting` is running (held by the gate); this put only wakes the flusher.
    const unwaited = await commitLog.append(testMessage({ waitStoreMsgOK: false }), assigner);
    gate.open();
    expect((await waiting).status).toBe('PUT_OK');
    const end = (unwaited.appendResult?.wroteOffset ?? 0) + (unwaited.appendResult?.wroteBytes ?? 0);
    // The second pass is a real fdatasync on the thread pool: poll its outcome, bounded.
    for (let poll = 0; poll < 400 && commitLog.flushedOffset() < end; poll++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(commitLog.flushedOffset()).toBe(end);
    expect(gate.calls).toBe(2);
  });

  it('ASYNC_FLUSH: puts do not wait; the flusher syncs 4 dirty pages, or anything on the thorough pass', async () => {
    const clock = new ManualClock(1_000);
    await openCommitLog({ flushDiskType: 'ASYNC_FLUSH', flushIntervalCommitLogMs: 60_000 });
    const checkpoint = StoreCheckpoint.open(`${store.root}/checkpoint`);
    const local = new CommitLog({
      config: { ...store.config, storePathCommitLog: `${store.root}/async` },
      logger: silentLogger,
      datasync: gate.datasync,
      checkpoint,
      clock,
    });
    await local.load();
    const flusher = new FlushRealTimeService({
      flush: () => local.flush(),
      unflushedBytes: () => local.queue.unflushedBytes(),
      intervalMs: 500,
      thoroughIntervalMs: 10_000,
      logger: silentLogger,
      clock,
    });

    const put = await local.append(testMessage(), assigner);
    expect(put.status).toBe('PUT_OK');
    expect(local.confirmOffset()).toBe(local.maxOffset());
    expect(await flusher.tick()).toBe(false);
    clock.advance(10_000);
    expect(await flusher.tick()).toBe(true);
    expect(local.flushedOffset()).toBe(local.maxOffset());
    expect(checkpoint.physicMsgTimestamp).toBe(put.appendResult?.storeTimestamp);

    while (local.queue.unflushedBytes() < 16 * 1024) await local.append(testMessage({ body: Buffer.alloc(2048) }), assigner);
    expect(await flusher.tick()).toBe(true);
    expect(local.flushedOffset()).toBe(local.maxOffset());
    await local.shutdown();
    checkpoint.close();
  });
});
