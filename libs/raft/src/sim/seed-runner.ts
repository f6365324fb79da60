import type { PlantedBugs } from '../core/raft-core';
import { runSimulation, type SimulationResult } from './simulation';

export interface SeedRangeReport {
  seeds: number;
  failures: SimulationResult[];
  simulatedMs: number;
  events: number;
  committed: number;
  crashes: number;
  maxRecoveryMs: number;
}

/** Runs seeds [from, from + count) one after another and sums what they did. */
export async function runSeedRange(from: number, count: number, plantedBugs?: PlantedBugs): Promise<SeedRangeReport> {
  const report: SeedRangeReport = { seeds: 0, failures: [], simulatedMs: 0, events: 0, committed: 0, crashes: 0, maxRecoveryMs: 0 };
  for (let seed = from; seed < from + count; seed += 1) {
    const result = await runSimulation({ seed, plantedBugs });
    report.seeds += 1;
    report.simulatedMs += result.simulatedMs;
    report.events += result.events;
    report.committed += result.committed;
    report.crashes += result.crashes;
    report.maxRecoveryMs = Math.max(report.maxRecoveryMs, result.recoveryMs ?? 0);
    if (result.violation !== undefined) report.failures.push(result);
  }
  return report;
}

export function replayCommand(seed: number): string {
  return `npx nx run raft:simulate -- --seed ${seed} --trace`;
}
