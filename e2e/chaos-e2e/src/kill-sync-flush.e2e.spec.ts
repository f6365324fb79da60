import { describe, expect, it } from 'vitest';

import { runKillRounds } from './support/kill-rounds';
import { startNamesrv, tempDir, useProcessHygiene } from './support/processes';

// SIGKILL mid-send under SYNC_FLUSH (store-ha.md §4.4: a process crash loses nothing acked, and
// with SYNC_FLUSH a PUT_OK means flushed): every acknowledged message must be consumable after the
// restarts. 8 MiB segments so the commit log rolls during the rounds.
describe('chaos > SIGKILL mid-send, SYNC_FLUSH', () => {
  useProcessHygiene();

  it('SIGKILL at a random moment, 20 rounds, 16 senders: 0 acknowledged messages lost', async () => {
    const namesrv = await startNamesrv();
    const result = await runKillRounds({
      label: 'SYNC_FLUSH kill',
      namesrv,
      storeDir: tempDir('chaos-sync-store').path,
      settings: { flushDiskType: 'SYNC_FLUSH', mapedFileSizeCommitLog: String(8 * 1024 * 1024) },
      rounds: 20,
      senders: 16,
      topic: 'ChaosSyncFlush',
      queues: 4,
    });
    expect(result.total.acked).toBeGreaterThan(0);
    expect({ lost: result.total.lost, sample: result.lostSample }).toEqual({ lost: 0, sample: [] });
    expect({ phantoms: result.phantoms, foreign: result.foreign }).toEqual({ phantoms: [], foreign: 0 });
  });
});
