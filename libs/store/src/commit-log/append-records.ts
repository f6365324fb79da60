/**
 * The commit log's critical section: place encoded records at the end of the log.
 *
 * Invariant: this function is synchronous from start to end. Choosing the segment, writing a BLANK
 * marker, assigning queue offsets, patching offsets into the records and the pwrite all happen in
 * one turn of the event loop, so appends cannot interleave and queue order equals log order
 * (docs/store-and-ha.md#commit-log, docs/store-and-ha.md#files-and-io "single writer"). No `await` may be added here.
 * Asserted as `commit-log.synchronous-append`: an append that starts while another is still inside
 * (re-entered from a callback, or resumed after an await someone added) stops the process.
 *
 * Order matters for failures: every step that can fail without side effects (segment creation)
 * runs before queue offsets are reserved. A pwrite that throws after the reservation leaves a
 * hole in that queue's offsets, so the caller marks the log not writable.
 */
import { assert, at } from '@rocketmq-ts/base';
import {
  type SocketAddress,
  END_FILE_MIN_BLANK_BYTES,
  createOffsetMessageId,
  transactionTypeOf,
  writeEndOfFileMarkerInto,
} from '@rocketmq-ts/model';

import type { MappedFile } from '../mapped-file/mapped-file';
import type { MappedFileQueue } from '../mapped-file/mapped-file-queue';
import type { AppendMessageResult } from '../message-store';
import type { QueueOffsetAssigner } from '../store-internals';
import { type EncodedRecords, patchRecordOffsets } from './record-encoder';

export interface AppendTarget {
  readonly topic: string;
  readonly queueId: number;
  readonly sysFlag: number;
  readonly storeHost: SocketAddress;
}

export type AppendRecordsOutcome =
  | { readonly kind: 'appended'; readonly result: AppendMessageResult }
  | { readonly kind: 'create-file-failed'; readonly error: unknown }
  | { readonly kind: 'write-failed'; readonly error: unknown; readonly offset: number };

const blankMarker = Buffer.alloc(END_FILE_MIN_BLANK_BYTES);

/** True while an append runs: one flag for the process is enough, since appends never overlap. */
let appending = false;

export function appendRecordsSync(
  queue: MappedFileQueue,
  encoded: EncodedRecords,
  target: AppendTarget,
  assigner: QueueOffsetAssigner,
): AppendRecordsOutcome {
  assert(!appending, 'commit-log.synchronous-append', 'an append started while another was still placing its records');
  appending = true;
  try {
    return placeRecords(queue, encoded, target, assigner);
  } finally {
    appending = false;
  }
}

function placeRecords(
  queue: MappedFileQueue,
  encoded: EncodedRecords,
  target: AppendTarget,
  assigner: QueueOffsetAssigner,
): AppendRecordsOutcome {
  let file: MappedFile;
  try {
    file = queue.lastFileForAppendSync();
    // A record (or a whole batch) never spans two segments, and a segment always keeps room for
    // the 8-byte BLANK marker that tells readers to jump to the next one (docs/store-and-ha.md#commit-log).
    if (encoded.totalBytes + END_FILE_MIN_BLANK_BYTES > file.remainingBytes()) {
      writeEndOfFileMarkerInto(blankMarker, 0, file.remainingBytes());
      file.writeAtSync(blankMarker, 0, END_FILE_MIN_BLANK_BYTES, file.wrotePosition);
      file.wrotePosition = file.fileSizeBytes;
      file = queue.lastFileForAppendSync();
    }
  } catch (error) {
    return { kind: 'create-file-failed', error };
  }

  const wroteOffset = file.wroteOffset();
  const consumable = takesQueueOffset(target.sysFlag);
  const firstQueueOffset = consumable ? assigner.assignQueueOffset(target.topic, target.queueId, encoded.recordCount) : 0;
  const msgIds: string[] = [];
  for (let index = 0; index < encoded.recordCount; index++) {
    const recordStart = at(encoded.recordStarts, index, 'recordStarts');
    patchRecordOffsets(encoded.buffer, recordStart, consumable ? firstQueueOffset + index : 0, wroteOffset + recordStart);
    msgIds.push(createOffsetMessageId(target.storeHost, wroteOffset + recordStart));
  }
  try {
    file.appendSync(encoded.buffer, 0, encoded.totalBytes);
  } catch (error) {
    return { kind: 'write-failed', error, offset: wroteOffset };
  }
  return {
    kind: 'appended',
    result: {
      wroteOffset,
      wroteBytes: encoded.totalBytes,
      msgIds,
      storeTimestamp: encoded.storeTimestampMs,
      logicsOffset: firstQueueOffset,
      msgNum: encoded.recordCount,
    },
  };
}

/** Prepared and rollback half messages are not consumable: they get queue offset 0 and take none. */
function takesQueueOffset(sysFlag: number): boolean {
  const type = transactionTypeOf(sysFlag);
  return type === 'NOT' || type === 'COMMIT';
}
