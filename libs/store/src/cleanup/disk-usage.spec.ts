import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { runtimeInfo } from '../default-message-store-runtime-info';
import { diskSpaceOf, statfsUsedPercent } from './disk-usage';

describe('Store > disk usage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'disk-usage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts the root reserve as free, as Java’s getFreeSpace does (blocks free, not blocks available)', () => {
    expect(diskSpaceOf({ blocks: 1000, bfree: 600, bsize: 4096 })).toEqual({ totalBytes: 4_096_000, freeBytes: 2_457_600, usedRatio: 0.4 });
    expect(diskSpaceOf({ blocks: 0, bfree: 0, bsize: 4096 }).usedRatio).toBe(0);
  });

  it('shows in the runtime info the ratio that retention acts on', async () => {
    const shown = Number(
      runtimeInfo({
        commitLogDir: dir,
        commitLogMinOffset: 0,
        commitLogMaxOffset: 0,
        dispatchBehindBytes: 0,
        earliestMessageTimeStamp: 0,
        putMessageTimesTotal: 0,
        putMessageSizeTotal: 0,
        putMessageFailedTimes: 0,
      })['commitLogDiskRatio'],
    );
    const acted = (await statfsUsedPercent(dir)) / 100;
    // Other writers on the machine move the figure a little between the two readings.
    expect(Math.abs(shown - acted)).toBeLessThan(0.001);
  });
});
