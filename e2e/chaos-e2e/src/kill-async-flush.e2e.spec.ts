import { describe, expect, it } from 'vitest';

import { runKillRounds } from './support/kill-rounds';
import { startNamesrv, tempDir, useProcessHygiene } from './support/processes';

// SIGKILL mid-send under ASYNC_FLUSH (no transient store pool). Only the process dies, the OS
// survives, so every acked record is already in the page cache (store-ha.md §4.4): 0 lost here
// too. 4 MiB segments: fewer rounds than SYNC_FLUSH, and the log should still roll. An OS crash, which could lose unflushed acked data, is not simulated.
describe('chaos > SIGKILL mid-send, ASYNC_FLUSH', () => {
  useProcessHygiene();

  it('SIGKILL at a random moment, 10 rounds, 16 senders: 0 acknowledged messages lost', async () => {
    const namesrv = await startNamesrv();
    const result = await runKillRounds({
      label: 'ASYNC_FLUSH kill',
      namesrv,
      storeDir: tempDir('chaos-async-store').path,
      settings: { flushDiskType: 'ASYNC_FLUSH', mapedFileSizeCommitLog: String(4 * 1024 * 1024) },
      rounds: 10,
      senders: 16,
      topic: 'ChaosAsyncFlush',
      queues: 4,
    });
    expect(result.total.acked).toBeGreaterThan(0);
    expect({ lost: result.total.lost, sample: result.lostSample }).toEqual({ lost: 0, sample: [] });
    expect({ phantoms: result.phantoms, foreign: result.foreign }).toEqual({ phantoms: [], foreign: 0 });
  });
});
