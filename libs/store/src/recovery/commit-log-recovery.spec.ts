// Proves recovery against damage the spec writes into real segment files (a torn last record, a
// flipped CRC byte, garbage after the end): the log comes back as exactly its valid prefix, the
// truncation is logged with offset and reason, later segments go, and appends resume at the end.
// Also proves which segment normal and abnormal recovery start from.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

import { type LogEntry, ManualClock, RecordingLogger, silentLogger } from '@rocketmq-ts/base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createAbortFile, deleteAbortFile, lastExitWasClean } from '../checkpoint/abort-file';
import { StoreCheckpoint } from '../checkpoint/store-checkpoint';
import { CommitLog } from '../commit-log/commit-log';
import {
  MemoryQueueOffsetAssigner,
  TEST_SEGMENT_BYTES,
  type TempStore,
  createTempStore,
  readAllRecords,
  testMessage,
} from '../testing/commit-log-fixtures';
import type { AppendMessageResult } from '../message-store';
import { segmentFileName } from '../mapped-file/segment-file-name';

const NO_CHECKPOINT = { minTimestampMs: () => 0 };

describe('Store > CommitLog > recovery', () => {
  let store: TempStore;
  let clock: ManualClock;
  let open: CommitLog | undefined;
  let logEntries: LogEntry[];

  beforeEach(() => {
    store = createTempStore();
    clock = new ManualClock(1_700_000_000_000);
    logEntries = [];
  });

  afterEach(async () => {
    await open?.shutdown();
    open = undefined;
    store.remove();
  });

  async function openCommitLog(): Promise<CommitLog> {
    await open?.shutdown();
    open = new CommitLog({ config: store.config, logger: new RecordingLogger(logEntries), clock });
    expect((await open.load()).ok).toBe(true);
    return open;
  }

  /** Appends `count` 1000-byte messages, one store millisecond apart. */
  async function populate(commitLog: CommitLog, count: number): Promise<AppendMessageResult[]> {
    const assigner = new MemoryQueueOffsetAssigner();
    const results: AppendMessageResult[] = [];
    for (let index = 0; index < count; index++) {
      clock.advance(1);
      const result = await commitLog.append(testMessage({ body: Buffer.alloc(1000, index % 251) }), assigner);
      if (!result.appendResult) throw new Error(`append ${index} failed: ${result.status}`);
      results.push(result.appendResult);
    }
    return results;
  }

  function overwrite(offset: number, bytes: Buffer): void {
    const start = offset - (offset % TEST_SEGMENT_BYTES);
    const fd = openSync(join(store.config.storePathCommitLog, segmentFileName(start)), 'r+');
    writeSync(fd, bytes, 0, bytes.length, offset - start);
    closeSync(fd);
  }

  it('after a clean exit, recovers every record and dispatches from the consume queues’ max offset', async () => {
    const appended = await populate(await openCommitLog(), 150);
    const end = (open as CommitLog).maxOffset();
    await openCommitLog();
    const secondSegmentRecord = appended.find((result) => result.wroteOffset > TEST_SEGMENT_BYTES + 100) as AppendMessageResult;

    const result = await (open as CommitLog).recover({
      lastExitOK: true,
      checkpoint: NO_CHECKPOINT,
      maxPhyOffsetInConsumeQueues: secondSegmentRecord.wroteOffset,
    });
    expect(result).toMatchObject({
      mode: 'normal',
      endOffset: end,
      scanFrom: TEST_SEGMENT_BYTES,
      dispatchFrom: secondSegmentRecord.wroteOffset,
      truncation: undefined,
      deletedSegments: [],
    });
    expect((await readAllRecords(open as CommitLog)).length).toBe(150);
    expect(open?.flushedOffset()).toBe(end);
  });

  it('torn last record: truncated to the record before it, and logged', async () => {
    const appended = await populate(await openCommitLog(), 20);
    const last = appended[appended.length - 1] as AppendMessageResult;
    overwrite(last.wroteOffset + 500, Buffer.alloc(last.wroteBytes - 500));

    const commitLog = await openCommitLog();
    const result = await commitLog.recover({ lastExitOK: false, checkpoint: NO_CHECKPOINT, maxPhyOffsetInConsumeQueues: 0 });
    expect(result.endOffset).toBe(last.wroteOffset);
    expect(result.truncation?.offset).toBe(last.wroteOffset);
    expect(result.truncation?.reason).toBeDefined();
    expect(commitLog.maxOffset()).toBe(last.wroteOffset);
    expect((await readAllRecords(commitLog)).length).toBe(19);
    expect(logEntries.some((entry) => entry.level === 'warn' && entry.fields['offset'] === last.wroteOffset)).toBe(true);
  });

  it('flipped CRC byte in the first segment: later records and segments are dropped', async () => {
    const appended = await populate(await openCommitLog(), 150);
    const victim = appended[10] as AppendMessageResult;
    overwrite(victim.wroteOffset + 8, Buffer.of(0xff));

    const commitLog = await openCommitLog();
    const result = await commitLog.recover({ lastExitOK: true, checkpoint: NO_CHECKPOINT, maxPhyOffsetInConsumeQueues: 0 });
    expect(result.endOffset).toBe(victim.wroteOffset);
    expect(result.truncation?.reason).toContain('CRC');
    expect(result.deletedSegments).toEqual([TEST_SEGMENT_BYTES, 2 * TEST_SEGMENT_BYTES]);
    expect(commitLog.queue.mappedFiles()).toHaveLength(1);
    expect((await readAllRecords(commitLog)).map((record) => record.offset)).toEqual(
      appended.slice(0, 10).map((record) => record.wroteOffset),
    );
  });

  it('garbage after the last record: ignored, then overwritten by new appends that survive the next restart', async () => {
    const appended = await populate(await openCommitLog(), 30);
    const end = (open as CommitLog).maxOffset();
    overwrite(end, Buffer.from('this is not a message record, just noise'));

    let commitLog = await openCommitLog();
    const result = await commitLog.recover({ lastExitOK: false, checkpoint: NO_CHECKPOINT, maxPhyOffsetInConsumeQueues: 0 });
    expect(result.endOffset).toBe(end);
    expect(result.truncation?.reason).toContain('magic');
    const more = await populate(commitLog, 5);
    expect(more[0]?.wroteOffset).toBe(end);

    commitLog = await openCommitLog();
    const again = await commitLog.recover({ lastExitOK: true, checkpoint: NO_CHECKPOINT, maxPhyOffsetInConsumeQueues: 0 });
    expect(again.truncation).toBeUndefined();
    expect((await readAllRecords(commitLog)).length).toBe(appended.length + 5);
  });

  it('abort file present: abnormal recovery starts at the newest segment stored before the checkpoint', async () => {
    const abortFile = store.config.abortFile;
    createAbortFile(abortFile);
    const appended = await populate(await openCommitLog(), 150);
    const thirdSegmentFirst = appended.find((result) => result.wroteOffset === 2 * TEST_SEGMENT_BYTES) as AppendMessageResult;
    const checkpoint = StoreCheckpoint.open(store.config.storeCheckpoint);
    checkpoint.physicMsgTimestamp = thirdSegmentFirst.storeTimestamp + 3000;
    checkpoint.logicsMsgTimestamp = thirdSegmentFirst.storeTimestamp + 3500;
    checkpoint.flush();
    checkpoint.close();

    const reopened = StoreCheckpoint.open(store.config.storeCheckpoint);
    expect(lastExitWasClean(abortFile)).toBe(false);
    const commitLog = await openCommitLog();
    const result = await commitLog.recover({
      lastExitOK: lastExitWasClean(abortFile),
      checkpoint: reopened,
      maxPhyOffsetInConsumeQueues: 0,
    });
    reopened.close();
    expect(result).toMatchObject({
      mode: 'abnormal',
      scanFrom: 2 * TEST_SEGMENT_BYTES,
      dispatchFrom: 2 * TEST_SEGMENT_BYTES,
      endOffset: commitLog.maxOffset(),
    });

    deleteAbortFile(abortFile);
    expect(lastExitWasClean(abortFile)).toBe(true);
  });

  it('abnormal recovery with no usable checkpoint scans from the first segment', async () => {
    await populate(await openCommitLog(), 150);
    const commitLog = await openCommitLog();
    const result = await commitLog.recover({ lastExitOK: false, checkpoint: NO_CHECKPOINT, maxPhyOffsetInConsumeQueues: 0 });
    expect(result).toMatchObject({ mode: 'abnormal', scanFrom: 0, dispatchFrom: 0, recordsScanned: 150 });
  });

  it('an empty directory recovers to offset 0', async () => {
    const commitLog = await openCommitLog();
    expect(await commitLog.recover({ lastExitOK: true, checkpoint: NO_CHECKPOINT, maxPhyOffsetInConsumeQueues: 0 })).toMatchObject({
      endOffset: 0,
      dispatchFrom: 0,
    });
  });

  it('refuses to load a segment of the wrong size', async () => {
    await populate(await openCommitLog(), 3);
    await open?.shutdown();
    open = undefined;
    const fd = openSync(join(store.config.storePathCommitLog, segmentFileName(TEST_SEGMENT_BYTES)), 'w');
    writeSync(fd, Buffer.alloc(100));
    closeSync(fd);
    const commitLog = new CommitLog({ config: store.config, logger: silentLogger });
    const loaded = await commitLog.load();
    expect(loaded.ok).toBe(false);
    expect(loaded.ok ? '' : loaded.reason).toContain('segments must be 65536');
  });
});
