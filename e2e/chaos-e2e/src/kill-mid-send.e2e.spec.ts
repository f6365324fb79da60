import { describe, expect, it } from 'vitest';

import { runKillRounds } from './support/kill-rounds';
import { startNamesrv, tempDir, useProcessHygiene } from './support/processes';

// SIGKILL mid-send, once per flush mode. Only the process dies, the OS survives (docs/store-and-ha.md#recovery):
// under SYNC_FLUSH a PUT_OK means flushed, and under ASYNC_FLUSH (no transient store pool) every
// acked record is already in the page cache, so 0 acknowledged messages may be lost in either.
// Segments are small enough that the commit log rolls during the rounds. An OS crash, which could
// lose unflushed acked data under ASYNC_FLUSH, is not simulated.
const MODES = [
  { flushDiskType: 'SYNC_FLUSH', segmentMiB: 8, rounds: 20, topic: 'ChaosSyncFlush', store: 'chaos-sync-store' },
  { flushDiskType: 'ASYNC_FLUSH', segmentMiB: 4, rounds: 10, topic: 'ChaosAsyncFlush', store: 'chaos-async-store' },
] as const;

describe.each(MODES)('chaos > SIGKILL mid-send, $flushDiskType', (mode) => {
  useProcessHygiene();

  it(`SIGKILL at a random moment, ${mode.rounds} rounds, 16 senders: 0 acknowledged messages lost`, async () => {
    const namesrv = await startNamesrv();
    const result = await runKillRounds({
      label: `${mode.flushDiskType} kill`,
      namesrv,
      storeDir: tempDir(mode.store).path,
      settings: { flushDiskType: mode.flushDiskType, mapedFileSizeCommitLog: String(mode.segmentMiB * 1024 * 1024) },
      rounds: mode.rounds,
      senders: 16,
      topic: mode.topic,
      queues: 4,
    });
    expect(result.total.acked).toBeGreaterThan(0);
    expect({ lost: result.total.lost, sample: result.lostSample }).toEqual({ lost: 0, sample: [] });
    expect({ phantoms: result.phantoms, foreign: result.foreign }).toEqual({ phantoms: [], foreign: 0 });
  });
});
