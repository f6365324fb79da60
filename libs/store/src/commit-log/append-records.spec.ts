// The commit log's critical section asserts that appends never overlap: an append re-entered
// from inside another (here from the queue-offset assigner, the one callback it makes) is the
// state an `await` added to appendRecordsSync would produce, and it must stop with the invariant's name.
import { afterEach, describe, expect, it } from 'vitest';

import { InvariantViolation, silentLogger } from '@rocketmq-ts/base';

import { MappedFileQueue } from '../mapped-file/mapped-file-queue';
import type { QueueOffsetAssigner } from '../store-internals';
import { appendRecordsSync, type AppendTarget } from './append-records';
import { createTempStore, type TempStore, testMessage } from '../testing/commit-log-fixtures';
import { type EncodedRecords, RecordEncoder } from './record-encoder';

describe('Store > appendRecordsSync', () => {
  let store: TempStore | undefined;
  afterEach(() => store?.remove());

  function setUp(): { queue: MappedFileQueue; encoded: EncodedRecords; target: AppendTarget } {
    store = createTempStore();
    const queue = new MappedFileQueue({ directory: store.root, fileSizeBytes: store.config.mappedFileSizeCommitLog, logger: silentLogger });
    const message = testMessage();
    const encoded = new RecordEncoder(store.config.maxMessageSize).encodeMessage(message, 1_700_000_000_000);
    if ('status' in encoded) throw new Error(`test message not encodable: ${encoded.status}`);
    return { queue, encoded, target: message };
  }

  it('places records and hands out consecutive queue offsets when appends follow each other', () => {
    const { queue, encoded, target } = setUp();
    let next = 0;
    const assigner: QueueOffsetAssigner = { assignQueueOffset: (_topic, _queueId, count) => (next += count) - count };
    const first = appendRecordsSync(queue, encoded, target, assigner);
    const second = appendRecordsSync(queue, encoded, target, assigner);
    expect(first.kind === 'appended' && first.result.logicsOffset).toBe(0);
    expect(second.kind === 'appended' && second.result.wroteOffset).toBe(encoded.totalBytes);
    expect(second.kind === 'appended' && second.result.logicsOffset).toBe(1);
  });

  it('stops with commit-log.synchronous-append when an append starts inside another', () => {
    const { queue, encoded, target } = setUp();
    const reentering: QueueOffsetAssigner = {
      assignQueueOffset: () => {
        appendRecordsSync(queue, encoded, target, { assignQueueOffset: () => 0 });
        return 0;
      },
    };
    let caught: unknown;
    try {
      appendRecordsSync(queue, encoded, target, reentering);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvariantViolation);
    expect((caught as InvariantViolation).invariant).toBe('commit-log.synchronous-append');
    // The guard is released on the way out: the next append goes through.
    expect(appendRecordsSync(queue, encoded, target, { assignQueueOffset: () => 0 }).kind).toBe('appended');
  });
});
