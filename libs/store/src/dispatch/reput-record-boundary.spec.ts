// Dispatch parses records only from where the previous whole record ended. A reader that hands back
// bytes from another position (here: the chunk is labelled with an offset one byte past the one
// asked for) is the violated state: the drain stops with `reput.record-boundary` instead of
// indexing the middle of a record, and the running loop lets the error through instead of logging
// and retrying it.
import { InvariantViolation, silentLogger } from '@rocketmq-ts/base';
import { encodeMessageProperties } from '@rocketmq-ts/model';
import { describe, expect, it } from 'vitest';

import { FakeCommitLogReader } from '../testing/commit-log-reader.fake';
import { ReputMessageService } from './reput-message-service';
import type { MutableDispatchRequest } from './dispatch-record-reader';

/** Labels every chunk one byte past where it was read from. */
class MislabellingReader extends FakeCommitLogReader {
  override async readChunk(
    offset: number,
    maxBytes: number,
  ): Promise<{ readonly startOffset: number; readonly buffer: Buffer } | undefined> {
    const chunk = await super.readChunk(offset, maxBytes);
    return chunk === undefined ? undefined : { startOffset: chunk.startOffset + 1, buffer: chunk.buffer };
  }
}

function logWithOneRecord(reader: FakeCommitLogReader): void {
  reader.append({
    topic: 'T',
    queueId: 0,
    queueOffset: 0,
    storeTimestamp: 1_700_000_000_000,
    properties: encodeMessageProperties({ TAGS: 'a' }),
  });
}

describe('Store > ReputMessageService record boundaries', () => {
  it('dispatches each record at the offset it was read from', async () => {
    const reader = new FakeCommitLogReader(1024);
    logWithOneRecord(reader);
    const seen: number[] = [];
    const reput = new ReputMessageService({
      reader,
      dispatch: (request: MutableDispatchRequest) => seen.push(request.commitLogOffset),
      tickMs: 60_000,
      logger: silentLogger,
    });
    await reput.drain();
    expect(seen).toEqual([0]);
  });

  it('stops a drain with reput.record-boundary when a chunk does not start at the dispatch position', async () => {
    const reader = new MislabellingReader(1024);
    logWithOneRecord(reader);
    const seen: number[] = [];
    const reput = new ReputMessageService({
      reader,
      dispatch: (request: MutableDispatchRequest) => seen.push(request.commitLogOffset),
      tickMs: 60_000,
      logger: silentLogger,
    });
    const drained = reput.drain();
    await expect(drained).rejects.toBeInstanceOf(InvariantViolation);
    await expect(drained).rejects.toThrow(/^reput\.record-boundary: read a chunk at 1 while dispatch stands at 0$/);
    expect(seen).toEqual([]);
  });

  it('lets the violation out of the running loop instead of retrying on the next wake-up', async () => {
    const reader = new MislabellingReader(1024);
    logWithOneRecord(reader);
    const reput = new ReputMessageService({ reader, dispatch: () => undefined, tickMs: 60_000, logger: silentLogger });
    reput.start();
    await expect(reput.stop()).rejects.toThrow(/^reput\.record-boundary/);
  });

  it('refuses to move the dispatch position while dispatch runs', async () => {
    const reader = new FakeCommitLogReader(1024);
    const reput = new ReputMessageService({ reader, dispatch: () => undefined, tickMs: 60_000, logger: silentLogger });
    reput.setReputFromOffset(0);
    reput.start();
    expect(() => reput.setReputFromOffset(0)).toThrow(/^reput\.record-boundary/);
    await reput.stop();
    reput.setReputFromOffset(0);
    expect(reput.getReputFromOffset()).toBe(0);
  });
});
