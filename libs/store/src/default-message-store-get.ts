/**
 * The pull read path (docs/store-and-ha.md#consume-queues, docs/remoting-protocol.md#requests-the-broker-serves): from a queue offset, walk
 * consume-queue entries, keep those the tags-code filter accepts, stop at the batch caps, then
 * read the records from the commit log. Every outcome is a status with the offset to pull next.
 *
 * | queue state                        | status                 | nextBeginOffset              |
 * |------------------------------------|------------------------|------------------------------|
 * | empty (max = 0)                    | NO_MESSAGE_IN_QUEUE    | 0                            |
 * | offset < min                       | OFFSET_TOO_SMALL       | min                          |
 * | offset = max                       | OFFSET_OVERFLOW_ONE    | offset                       |
 * | offset > max                       | OFFSET_OVERFLOW_BADLY  | max                          |
 * | records found                      | FOUND                  | after the last entry taken   |
 * | every scanned entry filtered out   | NO_MATCHED_MESSAGE     | after the scanned entries    |
 * | (by tags code, or by record filter)|                        |                              |
 * | entries point at deleted records   | MESSAGE_WAS_REMOVING   | after the scanned entries    |
 *
 * On a SLAVE an out-of-range offset is never corrected (RocketMQ's offsetCheckInSlave=false): the
 * consumer keeps its own and the master decides. Entries read (FOUND and friends) always advance.
 */
import { at } from '@rocketmq-ts/base';

import type { ConsumeQueue } from './consume-queue/consume-queue';
import { CQ_ENTRY_BYTES, entryCommitLogOffset, entrySize, entryTagsCode, isRealEntry } from './consume-queue/consume-queue-entry';
import type { CommitLogFilter, GetMessageRequest, GetMessageResult, GetMessageStatus } from './message-store';
import type { StoreConfig } from './store-config';
import type { CommitLogReader } from './store-internals';

/** Entries a pull scans at most, RocketMQ's 16 000 CQ bytes, so a selective filter cannot stall a pull. */
const MIN_SCAN_ENTRIES = 16_000 / CQ_ENTRY_BYTES;

export interface GetMessageContext {
  readonly config: StoreConfig;
  /** The store's role now: a controller-mode broker switches it at runtime. */
  readonly role: { readonly current: StoreConfig['brokerRole'] };
  readonly commitLog: CommitLogReader;
  /** Bytes of commit log that count as "in memory": RAM × accessMessageInMemoryMaxRatio %. */
  readonly memoryBytes: number;
}

export async function getMessage(
  context: GetMessageContext,
  queue: ConsumeQueue | undefined,
  request: GetMessageRequest,
): Promise<GetMessageResult> {
  const minOffset = queue?.getMinOffsetInQueue() ?? 0;
  const maxOffset = queue?.getMaxOffsetInQueue() ?? 0;
  const offset = request.offset;
  const correct = (next: number): number => (context.role.current === 'SLAVE' ? offset : next);
  const outcome = (status: GetMessageStatus, nextBeginOffset: number): GetMessageResult => ({
    status,
    messages: [],
    nextBeginOffset,
    minOffset,
    maxOffset,
    suggestPullingFromSlave: false,
  });

  if (queue === undefined || maxOffset === 0) return outcome('NO_MESSAGE_IN_QUEUE', correct(0));
  if (offset < minOffset) return outcome('OFFSET_TOO_SMALL', correct(minOffset));
  if (offset === maxOffset) return outcome('OFFSET_OVERFLOW_ONE', correct(offset));
  if (offset > maxOffset) return outcome('OFFSET_OVERFLOW_BADLY', correct(maxOffset));

  const entries = queue.readEntries(offset, Math.max(MIN_SCAN_ENTRIES, request.maxMsgNums));
  const entryCount = entries.length / CQ_ENTRY_BYTES;
  if (entryCount === 0) return outcome('OFFSET_FOUND_NULL', correct(offset + 1));
  const read =
    request.recordFilter === undefined
      ? await readSelected(context, entries, request)
      : await readMatching(context, entries, request, request.recordFilter);
  // Past scanned entries is no correction: a slave must move on too (RocketMQ corrects only above).
  const nextBeginOffset = offset + read.scanned;
  const { messages } = read;
  const status: GetMessageStatus =
    messages.length > 0 ? 'FOUND' : read.missing || read.removed ? 'MESSAGE_WAS_REMOVING' : 'NO_MATCHED_MESSAGE';
  const behindBytes = context.commitLog.maxOffset() - read.maxPhyOffsetScanned;
  return { status, messages, nextBeginOffset, minOffset, maxOffset, suggestPullingFromSlave: behindBytes > context.memoryBytes };
}

interface ReadOutcome {
  readonly messages: Buffer[];
  readonly scanned: number;
  /** Entries selected whose record could not be read (deleted under the pull). */
  readonly missing: boolean;
  readonly removed: boolean;
  readonly maxPhyOffsetScanned: number;
}

/** The tags-filter path: one selection, its records read in parallel. */
async function readSelected(context: GetMessageContext, entries: Buffer, request: GetMessageRequest): Promise<ReadOutcome> {
  const selection = selectEntries(context, entries, request, EMPTY_START);
  const records = await Promise.all(
    selection.offsets.map((offset, i) => context.commitLog.read(offset, at(selection.sizes, i, 'selected sizes'))),
  );
  const messages = records.filter((record): record is Buffer => record !== undefined);
  return {
    messages,
    scanned: selection.scanned,
    missing: selection.offsets.length > 0,
    removed: selection.removed,
    maxPhyOffsetScanned: selection.maxPhyOffsetScanned,
  };
}

/**
 * The record-filter path (SQL92), as RocketMQ's getMessage: an entry counts towards the caps only
 * once its record matched. Entries are selected for the room left, read in parallel, filtered, and
 * the next selection continues after them until the caps are met or the entries run out.
 */
async function readMatching(
  context: GetMessageContext,
  entries: Buffer,
  request: GetMessageRequest,
  recordFilter: CommitLogFilter,
): Promise<ReadOutcome> {
  const entryCount = entries.length / CQ_ENTRY_BYTES;
  const messages: Buffer[] = [];
  const start: SelectionStart = { index: 0, taken: 0, takenBytes: 0 };
  let missing = false;
  let removed = false;
  let maxPhyOffsetScanned = 0;
  while (start.index < entryCount) {
    const selection = selectEntries(context, entries, request, start);
    removed ||= selection.removed;
    maxPhyOffsetScanned = Math.max(maxPhyOffsetScanned, selection.maxPhyOffsetScanned);
    if (selection.scanned === start.index) break; // a cap is met
    const records = await Promise.all(
      selection.offsets.map((offset, i) => context.commitLog.read(offset, at(selection.sizes, i, 'selected sizes'))),
    );
    for (const record of records) {
      if (record === undefined) missing = true;
      else if (recordFilter(record)) {
        messages.push(record);
        start.takenBytes += record.length;
      }
    }
    start.index = selection.scanned;
    start.taken = messages.length;
  }
  return { messages, scanned: start.index, missing: missing && messages.length === 0, removed, maxPhyOffsetScanned };
}

/** Where a selection starts: entry index, and what earlier selections already took. */
interface SelectionStart {
  index: number;
  taken: number;
  takenBytes: number;
}

const EMPTY_START: SelectionStart = { index: 0, taken: 0, takenBytes: 0 };

interface Selection {
  readonly offsets: number[];
  readonly sizes: number[];
  /** Entries consumed by this pull, taken or filtered out. */
  scanned: number;
  removed: boolean;
  maxPhyOffsetScanned: number;
}

/**
 * Picks entries in order until a cap is hit (the first record is always taken, however large).
 * Caps: maxMsgNums, maxMsgBytes, and the in-memory or on-disk transfer caps depending on how far
 * behind the commit-log head the record is.
 */
function selectEntries(
  context: GetMessageContext,
  entries: Buffer,
  request: GetMessageRequest,
  start: Readonly<SelectionStart>,
): Selection {
  const entryCount = entries.length / CQ_ENTRY_BYTES;
  const { config, commitLog, memoryBytes } = context;
  const selection: Selection = { offsets: [], sizes: [], scanned: start.index, removed: false, maxPhyOffsetScanned: 0 };
  const maxPhyOffset = commitLog.maxOffset();
  const minPhyOffset = commitLog.minOffset();
  const maxBytes = request.maxMsgBytes > 0 ? request.maxMsgBytes : Number.POSITIVE_INFINITY;
  let takenBytes = start.takenBytes;
  for (let i = start.index; i < entryCount; i++) {
    const commitLogOffset = entryCommitLogOffset(entries, i);
    const size = entrySize(entries, i);
    const taken = start.taken + selection.offsets.length;
    if (taken > 0) {
      const inDisk = maxPhyOffset - commitLogOffset > memoryBytes;
      const capBytes = Math.min(maxBytes, inDisk ? config.maxTransferBytesOnMessageInDisk : config.maxTransferBytesOnMessageInMemory);
      const capCount = Math.min(
        request.maxMsgNums,
        inDisk ? config.maxTransferCountOnMessageInDisk : config.maxTransferCountOnMessageInMemory,
      );
      if (taken >= capCount || takenBytes + size > capBytes) break;
    }
    selection.scanned = i + 1;
    if (!isRealEntry(entries, i)) continue;
    selection.maxPhyOffsetScanned = commitLogOffset;
    if (commitLogOffset < minPhyOffset) {
      selection.removed = true;
      continue;
    }
    if (request.filter !== undefined && !request.filter(entryTagsCode(entries, i))) continue;
    selection.offsets.push(commitLogOffset);
    selection.sizes.push(size);
    takenBytes += size;
  }
  return selection;
}
