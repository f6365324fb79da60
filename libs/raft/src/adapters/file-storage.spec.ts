import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';

import { RecordingLogger } from '@rocketmq-ts/base';
import { createTempDir, type TempDir } from '@rocketmq-ts/testing';
import { afterEach, describe, expect, it } from 'vitest';

import type { LogEntry } from '../messages';
import { FileRaftStorage } from './file-storage';

const entry = (index: number, term = 1): LogEntry => ({
  index,
  term,
  kind: index % 3 === 0 ? 'noop' : 'command',
  data: Buffer.from(`cmd-${index}`),
});
const synced = (storage: FileRaftStorage): Promise<void> => new Promise((resolve) => storage.sync(resolve));

describe('FileRaftStorage', () => {
  let dir: TempDir | undefined;
  afterEach(() => dir?.remove());

  it('recovers hard state, snapshot and log across reopen, after truncation and compaction', async () => {
    dir = createTempDir('raft-storage');
    const storage = new FileRaftStorage(dir.path, new RecordingLogger());
    expect(storage.load()).toEqual({ hardState: { term: 0, votedFor: undefined }, snapshot: undefined, entries: [] });
    storage.append([1, 2, 3, 4, 5].map((i) => entry(i)));
    storage.truncateSuffix(4);
    storage.append([entry(4, 2), entry(5, 2), entry(6, 2)]);
    storage.setHardState({ term: 2, votedFor: 'n2' });
    await synced(storage);
    storage.saveSnapshot({ lastIncludedIndex: 3, lastIncludedTerm: 1, data: Buffer.from('state@3') });
    storage.close();

    const reopened = new FileRaftStorage(dir.path, new RecordingLogger());
    const state = reopened.load();
    expect(state.hardState).toEqual({ term: 2, votedFor: 'n2' });
    expect(state.snapshot && Buffer.from(state.snapshot.data).toString()).toBe('state@3');
    expect(state.entries.map((e) => [e.index, e.term])).toEqual([
      [4, 2],
      [5, 2],
      [6, 2],
    ]);
    reopened.close();
  });

  it('cuts a torn tail and a corrupt record, logs why, and keeps appending after them', async () => {
    dir = createTempDir('raft-storage-torn');
    const storage = new FileRaftStorage(dir.path, new RecordingLogger());
    storage.load();
    storage.append([1, 2, 3, 4].map((i) => entry(i)));
    await synced(storage);
    storage.close();
    const logPath = dir.join('log');
    const whole = readFileSync(logPath);
    // Flip a byte inside record 4's payload and add half a record after it: both must go.
    const damaged = Buffer.from(whole);
    damaged.writeUInt8((damaged.at(-2) ?? 0) ^ 0xff, damaged.length - 2);
    writeFileSync(logPath, damaged);
    appendFileSync(logPath, whole.subarray(0, 11));

    const logger = new RecordingLogger();
    const reopened = new FileRaftStorage(dir.path, logger);
    expect(reopened.load().entries.map((e) => e.index)).toEqual([1, 2, 3]);
    expect(logger.find((e) => e.level === 'warn' && /torn or corrupt tail/.test(e.message))?.fields).toMatchObject({ keptEntries: 3 });
    reopened.append([entry(4, 5)]);
    await synced(reopened);
    reopened.close();
    const again = new FileRaftStorage(dir.path, new RecordingLogger());
    expect(again.load().entries.map((e) => [e.index, e.term])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 5],
    ]);
    expect(statSync(logPath).size).toBeLessThan(whole.length + 11);
    again.close();
  });

  it('refuses a corrupt hard-state file instead of guessing a vote', () => {
    dir = createTempDir('raft-storage-hard');
    writeFileSync(dir.join('hard-state'), Buffer.from('not a hard state file'));
    expect(() => new FileRaftStorage(dir?.path ?? '', new RecordingLogger()).load()).toThrow(/hard-state is corrupt/);
  });
});
