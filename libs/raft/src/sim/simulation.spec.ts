import { describe, expect, it } from 'vitest';

import type { PlantedBugs } from '../core/raft-core';
import { replayCommand, runSeedRange } from './seed-runner';
import { runSimulation } from './simulation';

/** The first seed in [1, limit] whose run violates a check, or undefined. */
async function firstViolatingSeed(plantedBugs: PlantedBugs, limit: number): Promise<{ seed: number; violation: string } | undefined> {
  for (let seed = 1; seed <= limit; seed += 1) {
    const result = await runSimulation({ seed, plantedBugs });
    if (result.violation !== undefined) return { seed, violation: result.violation };
  }
  return undefined;
}

describe('raft simulator', () => {
  it('keeps every safety check and recovers after healing on 300 seeds (CI runs 10,000 through raft:simulate)', async () => {
    const report = await runSeedRange(1, 300);
    const failures = report.failures.map(
      (failure) => `seed ${failure.seed}: ${failure.violation} (replay: ${replayCommand(failure.seed)})`,
    );
    expect(failures).toEqual([]);
    expect(report.seeds).toBe(300);
    // The runs did real work: crashes happened and many entries committed through them.
    expect(report.crashes).toBeGreaterThan(300);
    expect(report.committed).toBeGreaterThan(3000);
  }, 120_000);

  it('replays a seed exactly', async () => {
    const lines: string[][] = [[], []];
    const first = await runSimulation({ seed: 4242, print: (line) => lines[0]?.push(line) });
    const second = await runSimulation({ seed: 4242, print: (line) => lines[1]?.push(line) });
    expect(second).toEqual(first);
    expect(lines[1]).toEqual(lines[0]);
    expect(lines[0]?.length).toBeGreaterThan(10);
  });

  it('catches a node that acknowledges before its fsync (votes and appends lost in a crash)', async () => {
    const found = await firstViolatingSeed({ ackBeforeFsync: true }, 1000);
    expect(found, 'no seed in 1..1000 exposed ack-before-fsync').toBeDefined();
    // The same seed is clean with the fsync gate in place.
    expect((await runSimulation({ seed: found?.seed ?? 0 })).violation).toBeUndefined();
  }, 120_000);

  it('catches votes granted without the up-to-date log check', async () => {
    const found = await firstViolatingSeed({ skipUpToDateCheck: true }, 1000);
    expect(found?.violation).toMatch(/committed|applied a different command|two leaders/);
    expect((await runSimulation({ seed: found?.seed ?? 0 })).violation).toBeUndefined();
  }, 120_000);
});
